"""Synovia core: trial eligibility, pure and offline (see docs/eligibility.md).

Public API, by step:

- read: ``studies.load_studies(path)``, ``studies.load_catalog()``,
  ``studies.parse_studies(data)``, ``studies.study_from_dict(obj)`` -> ``Study``;
- split and parse: ``splitting.split_criteria(text)``, ``parsing.parse_criterion(kind, text)``,
  ``parsing.parse_study(study)``, ``parsing.parse_catalog(studies)``,
  ``parsing.apply_approved(criteria, approved)``;
- rules: ``rules.rule_to_dict`` / ``rules.rule_from_dict`` (the curator's JSON form);
- facts: ``facts.PatientFacts.from_dict(data)`` (unknown keys are an error), ``facts.FACTS``;
- match: ``evaluate.match_trials(catalog, facts)``, ``evaluate.match_trial``,
  ``evaluate.match_to_dict``;
- screen: ``batch.screen(frame, catalog)``, ``batch.facts_frame(patients)``,
  ``batch.read_facts_table(path)``;
- commands: ``cli.match_command``, ``cli.parse_command``; coverage: ``report``.
"""
