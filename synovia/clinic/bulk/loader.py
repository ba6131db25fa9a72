"""The bulk loader: one transaction that writes a cohort's tables in foreign-key order."""

from __future__ import annotations

from django.db import connection, models, transaction
from django.utils import timezone
from tqdm import tqdm

from synovia.clinic.bulk.care import CareRows
from synovia.clinic.bulk.people import PeopleRows
from synovia.clinic.bulk.visits import VisitRows
from synovia.core.synthetic import Cohort


class Loader(PeopleRows, CareRows, VisitRows):
    """Insert a cohort table by table, keeping the new ids as arrays for foreign keys."""

    def __init__(self, cohort: Cohort, *, seed: int, progress: bool = True) -> None:
        self.c = cohort
        self.seed = seed
        n = cohort.patients["clinic"].size
        total = (
            6 * n
            + 3 * cohort.programs["patient"].size
            + sum(
                len(t["patient"])
                for t in (cohort.infusions, cohort.visits, cohort.labs, cohort.adverse_events)
            )
        )
        self.bar = tqdm(total=total, unit="rows", disable=not progress, desc="demo-data")
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.touched: list[type[models.Model]] = []
        self.baseline_das28: dict[int, float | None] = {}

    def _analyze(self) -> None:
        """Refresh the planner's statistics of the tables just filled. Without it PostgreSQL
        plans the first queries after a bulk load from an empty table's estimates: the clinic
        worklist took 10.5 s instead of 0.2 s at 100,000 patients (benchmarks/RESULTS.md)."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for model in dict.fromkeys(self.touched):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    def run(self) -> dict[str, int]:
        with transaction.atomic():
            clinics = self.clinics()
            pids = self.patients(clinics)
            self.consents(pids)
            self.medications(pids)
            prog = self.programs(pids)
            self.infusions(pids, prog)
            vids = self.visits(pids)
            self.schedule(pids, vids)
            self.evaluations(pids)
            self.labs(pids, vids)
            self.events(pids, prog)
            self._reset_sequences()
        self._analyze()
        self.bar.close()
        return {"patients": pids.size, "visits": vids.size, "labs": len(self.c.labs["patient"])}
