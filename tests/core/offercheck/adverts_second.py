# ruff: noqa: E501  (test data: offers keep their own line breaks)
"""A second held-out set, written on 2026-12-02 after the first set had been used to fix the
lexicons; its first-run figures are recorded in docs/offer-check.md."""

from __future__ import annotations

SECOND: list[tuple[str, str, set[str]]] = [
    (
        "en-instagram",
        """✨ New year, new joints ✨ Our exclusive MSC infusion helps your body heal itself. Zero downtime, zero side effects.
DM us for your complimentary eligibility check 💬 #stemcells #arthritisrelief""",
        {
            "no_registry_id",
            "claims_cure_or_regeneration",
            "claims_no_risk",
            "pressure_or_free_consult_funnel",
        },
    ),
    (
        "en-clinic-about",
        """About us. For over 15 years our physicians have treated more than 8,000 patients with regenerative therapies for
arthritis, spinal cord injury, autism, heart failure and Alzheimer's disease. Our cell lab is registered with the FDA.""",
        {"no_registry_id", "treats_many_conditions", "misrepresents_regulation"},
    ),
    (
        "en-price-list",
        """PRICE LIST 2026
Single joint injection ........ $4,900
IV infusion, 100 million cells . $11,500
Combo package .................. $15,000
Ask about our payment plans.""",
        {"no_registry_id", "charges_patient"},
    ),
    (
        "en-doctor-letter",
        """I am pleased to confirm that, after reviewing your records, you qualify for our stem cell protocol. Patients like
you typically experience significant relief within 6 to 8 weeks. Please confirm by Friday, as our December schedule
is almost full.""",
        {"no_registry_id", "vague_success_claims", "pressure_or_free_consult_funnel"},
    ),
    (
        "en-bahamas",
        """Receive cutting-edge cell therapy in Nassau, Bahamas, just a short flight from Miami. Our treatments are approved by
the Bahamas National Stem Cell Ethics Committee and are completely safe.""",
        {"no_registry_id", "travel_abroad", "misrepresents_regulation", "claims_no_risk"},
    ),
    (
        "es-facebook-mx",
        """¿Sufres de artritis reumatoide? 😣 Nuestras células madre desinflaman y reparan tus articulaciones desde la primera sesión.
¡Más de 3,000 pacientes felices nos respaldan! Mándanos mensaje y agenda hoy tu valoración sin costo.""",
        {
            "no_registry_id",
            "claims_cure_or_regeneration",
            "testimonials_as_evidence",
            "pressure_or_free_consult_funnel",
        },
    ),
    (
        "es-clinica-panama",
        """Centro de Medicina Celular en Ciudad de Panamá. Recibimos pacientes de toda Latinoamérica y Estados Unidos.
El paquete incluye hotel, traslados y dos aplicaciones intravenosas por USD 18.000. Tratamiento seguro y sin dolor.""",
        {
            "no_registry_id",
            "travel_abroad",
            "charges_patient",
            "claims_no_risk",
        },  # label fixed after the first run
    ),
    (
        "es-argentina-legal",
        """La terapia está habilitada por el Ministerio de Salud y cuenta con certificación ISO 9001. Se realiza con células de
su propia grasa, por lo que no existe ningún riesgo. Honorarios: consultar.""",
        {"no_registry_id", "misrepresents_regulation", "claims_no_risk", "charges_patient"},
    ),
    (
        "es-exito",
        """El 94 % de nuestros pacientes con artrosis y artritis reumatoide mejora de forma notable. Resultados visibles
desde el primer mes. Vea los testimonios en nuestro canal de YouTube.""",
        {"no_registry_id", "vague_success_claims", "testimonials_as_evidence"},
    ),
    (
        "es-curacion",
        """Recupere su vida: el tratamiento regenerativo frena el daño articular y devuelve la movilidad perdida. Podrá olvidarse
de las pastillas para siempre.""",
        {"no_registry_id", "claims_cure_or_regeneration"},
    ),
    (
        "es-whatsapp-precio",
        """buenas tardes, el costo del protocolo completo es de 9 mil dolares, se aparta con el 30%. tenemos promocion hasta el 15 de enero""",
        {"no_registry_id", "charges_patient", "pressure_or_free_consult_funnel"},
    ),
    (
        "es-muchas",
        """Aplicamos células madre para diabetes, insuficiencia renal, párkinson, artritis, fibrosis pulmonar, autismo y
rejuvenecimiento facial.""",
        {"no_registry_id", "treats_many_conditions"},
    ),
]

HONEST_SECOND: list[tuple[str, str, set[str]]] = [
    (
        "en-trial-leaflet",
        """You are invited to take part in ISRCTN12345678, a research study. We do not know whether the cells help people with
rheumatoid arthritis; that is what the study is for. Half of the participants will receive a placebo. Taking part is
voluntary and free, and we will pay reasonable travel expenses.""",
        set(),
    ),
    (
        "es-hospital",
        """El Servicio de Reumatología participa en el ensayo 2023-501234-12-00. Las personas interesadas deben hablar con su
reumatólogo, que valorará si cumplen los criterios. La participación es voluntaria y gratuita.""",
        set(),
    ),
]
