"""Choice lists of the clinical record (values are stored; labels are translated)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PathwayState(models.TextChoices):
    """Mirror of ``synovia.core.pathway.State`` (the core holds the transition rules)."""

    REFERRED = "referred", _("Referred")
    EVALUATING = "evaluating", _("Evaluating")
    CANDIDATE = "candidate", _("Candidate")
    NOT_CANDIDATE = "not_candidate", _("Not a candidate")
    SCHEDULED = "scheduled", _("Scheduled")
    TREATED = "treated", _("Treated")
    IN_FOLLOW_UP = "in_follow_up", _("In follow-up")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LOST_TO_FOLLOW_UP = "lost_to_follow_up", _("Lost to follow-up")


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other / not stated")


class Serostatus(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEGATIVE = "negative", _("Negative")
    UNKNOWN = "unknown", _("Unknown")


class InfectionStatus(models.TextChoices):
    NEGATIVE = "negative", _("Negative")
    POSITIVE = "positive", _("Positive / active")
    LATENT = "latent", _("Latent or resolved (treated)")
    UNKNOWN = "unknown", _("Not tested")


class DrugClass(models.TextChoices):
    CSDMARD = "csdmard", _("Conventional synthetic DMARD")
    BIOLOGIC = "biologic", _("Biologic DMARD")
    JAKI = "jaki", _("JAK inhibitor")
    GLUCOCORTICOID = "glucocorticoid", _("Glucocorticoid")


class StopReason(models.TextChoices):
    INADEQUATE_RESPONSE = "inadequate_response", _("Inadequate response")
    LOSS_OF_RESPONSE = "loss_of_response", _("Loss of response")
    INTOLERANCE = "intolerance", _("Intolerance")
    ADVERSE_EVENT = "adverse_event", _("Adverse event")
    REMISSION = "remission", _("Remission")
    PREGNANCY = "pregnancy", _("Pregnancy planning")
    COST = "cost", _("Cost or access")
    OTHER = "other", _("Other")


class ConsentScope(models.TextChoices):
    TREATMENT = "treatment", _("Treatment")
    DATA_USE = "data_use", _("Use of clinical data for care")
    RESEARCH = "research", _("Research (de-identified)")
    COMMUNITY = "community", _("Community participation")


class CellSource(models.TextChoices):
    BONE_MARROW = "bone_marrow", _("Bone marrow")
    ADIPOSE = "adipose", _("Adipose tissue")
    UMBILICAL_CORD = "umbilical_cord", _("Umbilical cord")
    CORD_BLOOD = "cord_blood", _("Umbilical cord blood")
    PLACENTA = "placenta", _("Placenta")
    DENTAL_PULP = "dental_pulp", _("Dental pulp")
    SYNOVIAL = "synovial", _("Synovial")
    OTHER = "other", _("Other")


class Product(models.TextChoices):
    MSC = "msc", _("Mesenchymal stromal cells")
    EXOSOME = "exosome", _("Exosomes / extracellular vesicles")


class Route(models.TextChoices):
    IV = "iv", _("Intravenous")
    INTRA_ARTICULAR = "intra_articular", _("Intra-articular")


class HarvestSite(models.TextChoices):
    NONE = "", _("Not applicable (allogeneic)")
    BONE_MARROW = "bone_marrow", _("Bone marrow")
    FAT = "fat", _("Fat (lipoaspirate)")
    SYNOVIUM = "synovium", _("Synovium")


class VisitKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    SCHEDULED = "scheduled", _("Scheduled follow-up")
    UNSCHEDULED = "unscheduled", _("Unscheduled")


class Relatedness(models.TextChoices):
    UNRELATED = "unrelated", _("Unrelated")
    UNLIKELY = "unlikely", _("Unlikely")
    POSSIBLE = "possible", _("Possible")
    PROBABLE = "probable", _("Probable")
    DEFINITE = "definite", _("Definite")


RELATED = frozenset({Relatedness.POSSIBLE, Relatedness.PROBABLE, Relatedness.DEFINITE})


class AEOutcome(models.TextChoices):
    RECOVERED = "recovered", _("Recovered / resolved")
    RECOVERING = "recovering", _("Recovering")
    NOT_RECOVERED = "not_recovered", _("Not recovered")
    SEQUELAE = "sequelae", _("Recovered with sequelae")
    FATAL = "fatal", _("Fatal")
    UNKNOWN = "unknown", _("Unknown")


class AEAction(models.TextChoices):
    NONE = "none", _("None")
    INTERRUPTED = "treatment_interrupted", _("Treatment interrupted")
    WITHDRAWN = "treatment_withdrawn", _("Treatment permanently withdrawn")
    DOSE_REDUCED = "dose_reduced", _("Dose reduced")
    TREATED = "medication_given", _("Concomitant medication given")


class SeriousCriterion(models.TextChoices):
    """ICH E2A criteria of a serious adverse event."""

    DEATH = "death", _("Results in death")
    LIFE_THREATENING = "life_threatening", _("Life-threatening")
    HOSPITALISATION = "hospitalisation", _("Hospitalisation or prolongation")
    DISABILITY = "disability", _("Persistent or significant disability")
    CONGENITAL = "congenital_anomaly", _("Congenital anomaly")
    IMPORTANT = "important_medical_event", _("Important medical event")


class Contraindication(models.TextChoices):
    """Checked one by one at evaluation."""

    MALIGNANCY = "malignancy", _("Active or recent malignancy")
    ACTIVE_INFECTION = "active_infection", _("Active infection")
    HBV = "hbv", _("Hepatitis B (HBsAg or untreated anti-HBc)")
    HCV = "hcv", _("Hepatitis C")
    HIV = "hiv", _("HIV")
    TB = "tb", _("Untreated tuberculosis (active or latent)")
    PREGNANCY = "pregnancy", _("Pregnancy or lactation")
