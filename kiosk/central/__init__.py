"""Central's service: mutual-TLS HTTPS in front of PostgreSQL (kiosk-central), its PKI and registry, and the kiosk's client."""
