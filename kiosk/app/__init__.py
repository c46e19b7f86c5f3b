"""The application layer: the use cases the kiosk screens, the clerk console and `kiosk-admin` share.

No Qt here. One object per family of use cases — the applicant's visit (`visit.VisitServices`),
the clerk's desk (`desk.ClerkServices`), the operator (`operator.Operator`) — each bound to its
databases and the post's clock (`clock.PostClock`). What a kiosk asks of central goes through
the `central.Central` port; `kiosk.sync.in_process.InProcessCentral` answers it from central's
database (the embedded demo and the tests; a remote implementation answers over the network).
"""
