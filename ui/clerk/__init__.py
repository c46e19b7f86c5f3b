"""The clerk console: a keyboard-friendly window for counter staff and supervisors."""
