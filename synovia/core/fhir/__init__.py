"""FHIR R4 mapping of a Synovia patient record (pure: no Django).

``export.bundle(record)`` turns a plain record (dicts of the clinic's fields) into a FHIR
Bundle; ``importing.plan(bundle)`` reads a Bundle back into rows for the clinic services, with
what it skipped and why; ``deid.deidentify(bundle, ...)`` makes the research version. Every
resource is validated with the R4B models of fhir.resources (``validate``); docs/fhir.md says why.
"""
