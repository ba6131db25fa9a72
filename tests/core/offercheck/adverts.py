# ruff: noqa: E501  (test data: offers keep their own line breaks)
"""Held-out offers, written for these tests after the lexicons, in the registers real clinics use
(web pages, e-mails, social posts, messages), each with the flags a careful reader would raise.

None is copied from a real advert; clinic names are invented. ``HONEST`` texts describe a
registered trial or warn about clinics, as a trial site or a patient group would: they must
raise few or no flags.
"""

from __future__ import annotations

ADVERTS: list[tuple[str, str, set[str]]] = [
    (
        "en-web-landing",
        """Is stem cell therapy right for you?
Start your online process for FREE and find out if you are a candidate.
At RenovaCell we use your own cells, so there is no risk of rejection.
Most of our patients report less pain and better mobility within weeks.
Treatment packages start at $16K.""",
        {
            "no_registry_id",
            "pressure_or_free_consult_funnel",
            "claims_no_risk",
            "vague_success_claims",
            "charges_patient",
        },
    ),
    (
        "en-email-followup",
        """Dear Maria,

Thank you for completing our free online assessment. Good news: our medical team believes you are
a good candidate for our regenerative protocol.

Our umbilical cord MSCs repair damaged cartilage and halt the progression of rheumatoid arthritis.
The complete protocol (3 IV infusions) is USD 14,500, including hotel and airport transfers in
Cancun. We only have 2 places left for January, so please reply soon to secure your date with a
$2,000 deposit.""",
        {
            "no_registry_id",
            "pressure_or_free_consult_funnel",
            "claims_cure_or_regeneration",
            "charges_patient",
            "travel_abroad",
        },
    ),
    (
        "en-facebook-testimonials",
        """⭐⭐⭐⭐⭐ "After 12 years of RA I can walk again!" – Linda, Texas
Watch Linda's video and hundreds of other patient success stories on our page.
Rated 4.9 stars on Google. Real patients, real results.""",
        {"no_registry_id", "testimonials_as_evidence"},
    ),
    (
        "en-faq-regulation",
        """FAQ
Is this legal? Yes. Our laboratory is FDA-registered and ISO 9001 certified, and because we use
your own minimally manipulated cells the treatment does not need FDA approval.
Is it safe? Stem cells are natural, so they are completely safe. Side effects are extremely rare.""",
        {"no_registry_id", "misrepresents_regulation", "claims_no_risk"},
    ),
    (
        "en-many-conditions",
        """Conditions we treat with mesenchymal stem cells: rheumatoid arthritis, osteoarthritis,
lupus, multiple sclerosis, Parkinson's disease, autism, COPD, diabetes, erectile dysfunction
and anti-aging. One treatment, many possibilities.""",
        {"no_registry_id", "treats_many_conditions"},
    ),
    (
        "en-medical-tourism",
        """Medical tourism made easy: fly to Panama, stay 5 nights in a 4-star hotel and receive 100
million cells. Our all-inclusive package covers flights, lodging and a private driver.
Patients from over 40 countries trust us.""",
        {"no_registry_id", "travel_abroad", "charges_patient"},
    ),
    (
        "en-caps-shouting",
        """STOP SUFFERING FROM ARTHRITIS PAIN!!! OUR STEM CELLS REVERSE JOINT DAMAGE. NO SIDE EFFECTS.
LIMITED TIME OFFER - 20% OFF - CALL TODAY""",
        {
            "no_registry_id",
            "claims_cure_or_regeneration",
            "claims_no_risk",
            "charges_patient",
            "pressure_or_free_consult_funnel",
        },
    ),
    (
        "en-fake-trial",
        """Join our patient-funded clinical study of adipose stem cells for RA. The study is IRB approved
and you pay only the cost of the cell processing ($9,800). 95% of participants improved.""",
        {"no_registry_id", "charges_patient", "misrepresents_regulation", "vague_success_claims"},
    ),
    (
        "en-sms",
        """Hi! Spots for our Dec stem cell program are filling fast. Free consult this week only:
text us now. Financing available, payment plans from $499/month.""",
        {"no_registry_id", "pressure_or_free_consult_funnel", "charges_patient"},
    ),
    (
        "en-line-breaks",
        """Our treatment is
100% natural and
risk-free. It
regenerates
cartilage and heals the joints naturally.""",
        {"no_registry_id", "claims_no_risk", "claims_cure_or_regeneration"},
    ),
    (
        "en-clinically-proven",
        """Clinically proven results: a 90% success rate in arthritis patients. Say goodbye to
methotrexate and live without pain. Backed by science.""",
        {"no_registry_id", "vague_success_claims", "claims_cure_or_regeneration"},
    ),
    (
        "es-mx-landing",
        """¿La terapia con células madre es para usted? ¡Inicie su proceso en línea GRATIS!
Con sus propias células no hay rechazo ni efectos secundarios.
La mayoría de nuestros pacientes mejora desde la primera aplicación.
Precio del tratamiento: $250,000 MXN, hasta 12 meses sin intereses.""",
        {
            "no_registry_id",
            "pressure_or_free_consult_funnel",
            "claims_no_risk",
            "vague_success_claims",
            "charges_patient",
        },
    ),
    (
        "es-whatsapp-sin-acentos",
        """Hola! Te comparto la info. Las celulas madre regeneran el cartilago y frenan la artritis
reumatoide. Es un tratamiento 100% natural, sin riesgos. Valoracion sin costo por videollamada,
cupos limitados este mes. Escribenos ya!""",
        {
            "no_registry_id",
            "claims_cure_or_regeneration",
            "claims_no_risk",
            "pressure_or_free_consult_funnel",
        },
    ),
    (
        "es-es-correo",
        """Estimado paciente:

Le confirmamos que su caso ha sido aceptado. El tratamiento consiste en tres infusiones de células
madre de cordón umbilical y tiene un coste de 15.000 €, con un depósito inicial de 3.000 € para
reservar su plaza. Nuestro protocolo está avalado por el Ministerio de Salud y certificado con
normas GMP.""",
        {"no_registry_id", "charges_patient", "misrepresents_regulation"},
    ),
    (
        "es-ar-testimonios",
        """Mirá los testimonios de nuestros pacientes en Instagram. "Volví a caminar sin dolor" - Graciela,
Córdoba. Miles de pacientes satisfechos. ¡5 estrellas en Google!""",
        {"no_registry_id", "testimonials_as_evidence"},
    ),
    (
        "es-co-muchas-enfermedades",
        """Tratamos artritis reumatoide, artrosis, lupus, esclerosis múltiple, párkinson, autismo, EPOC,
diabetes y disfunción eréctil con células madre mesenquimales. Más de 20 años de experiencia.""",
        {"no_registry_id", "treats_many_conditions"},
    ),
    (
        "es-turismo",
        """Paquete todo incluido: viaje a Tijuana, hospedaje en hotel, traslado desde el aeropuerto y
tratamiento. Atendemos pacientes internacionales de Estados Unidos y Canadá.""",
        {"no_registry_id", "travel_abroad", "charges_patient"},
    ),
    (
        "es-mayusculas",
        """¡ADIÓS AL DOLOR DE LA ARTRITIS! NUESTRAS CÉLULAS MADRE CURAN LA INFLAMACIÓN.
RESULTADOS GARANTIZADOS. ÚLTIMOS LUGARES, LLAME HOY MISMO.""",
        {
            "no_registry_id",
            "claims_cure_or_regeneration",
            "vague_success_claims",
            "pressure_or_free_consult_funnel",
        },
    ),
    (
        "es-legal-propias-celulas",
        """Este procedimiento es legal en México: al usar sus propias células no requiere aprobación de la
COFEPRIS. Resultados comprobados científicamente, con una tasa de éxito del 85%.""",
        {"no_registry_id", "misrepresents_regulation", "vague_success_claims"},
    ),
    (
        "es-financiamiento",
        """Facilidades de pago: financiamiento directo, pagos con tarjeta de crédito y un descuento del 10%
si reserva antes del viernes. Inversión: USD 12.900. No deje pasar esta oportunidad.""",
        {"no_registry_id", "charges_patient", "pressure_or_free_consult_funnel"},
    ),
    (
        "es-seguro-eficaz",
        """Un tratamiento seguro y eficaz que repara el tejido dañado y devuelve la movilidad a sus
articulaciones. Sin complicaciones y sin tiempo de recuperación.""",
        {"no_registry_id", "claims_no_risk", "claims_cure_or_regeneration"},
    ),
    (
        "mixed-spanglish",
        """Stem cells FDA approved! Consulta gratis en nuestra clínica de Cancún. Precio especial: $8,500 USD.""",
        {"no_registry_id", "misrepresents_regulation", "pressure_or_free_consult_funnel", "charges_patient"},
    ),
]

HONEST: list[tuple[str, str, set[str]]] = [
    (
        "en-registered-trial",
        """NCT01851070: a multi-centre, randomised, placebo-controlled phase 2 study of a single intravenous
infusion of allogeneic mesenchymal precursor cells in adults with rheumatoid arthritis who did not
respond to at least one biologic. The study aims to assess safety and whether the cells reduce
disease activity. Participants are assigned at random to cells or placebo. There is no cost to take
part, and travel expenses are reimbursed. Possible risks include infusion reactions and infection;
you may withdraw at any time.""",
        set(),
    ),
    (
        "es-ensayo-registrado",
        """Ensayo NCT04971980: estudio de fase 1/2 para evaluar si una infusión de células de cordón umbilical
es segura en personas con artritis reumatoide. La participación no tiene ningún costo y se le
reembolsarán los gastos de traslado. Los riesgos posibles incluyen fiebre, reacciones a la infusión
e infecciones. Usted puede retirarse del estudio en cualquier momento.""",
        set(),
    ),
    (
        "en-warning",
        """Be careful with clinics that claim their stem cells cure arthritis or regenerate cartilage.
There is no cure for rheumatoid arthritis, and no MSC product is approved for it. Ask for the
registry number of any trial, and ask your rheumatologist before paying for anything.""",
        {"no_registry_id"},
    ),
    (
        "es-advertencia",
        """Desconfíe de las clínicas que prometen que las células madre curan la artritis. No se sabe todavía si
estas células pueden reparar el cartílago. Un ensayo registrado tiene un número de registro y no le
cobra por participar.""",
        {"no_registry_id"},
    ),
    (
        "en-rheumatology-leaflet",
        """Rheumatoid arthritis is a long-term condition. Treatments such as methotrexate and biologics can
control inflammation for many people, and your rheumatologist will check your blood tests
regularly. Tell your team about any infection.""",
        {"no_registry_id"},
    ),
]
