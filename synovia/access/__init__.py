"""The one door to patient data: who may see which patient, and the audit log of every read.

Views, the API, exports, the admin and commands read patient rows only through
:mod:`synovia.access.door`; writes go through the clinic services, whose single save helper
records them here too. The log (:class:`synovia.access.models.AuditEvent`) is append-only.
"""
