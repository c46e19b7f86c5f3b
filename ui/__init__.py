"""PySide6 user interface: the applicant wizard and the kiosk shell."""
