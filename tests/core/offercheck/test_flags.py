"""The ten red flags on held-out offers, paraphrase grids, metamorphic and property tests."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synovia.core.offercheck import FLAG_CODES, MAX_CHARS, check_offer
from tests.core.offercheck.adverts import ADVERTS, HONEST
from tests.core.offercheck.adverts_second import HONEST_SECOND, SECOND

ADVERTS = ADVERTS + SECOND
HONEST = HONEST + HONEST_SECOND
ALL_TEXTS = ADVERTS + HONEST


def _ids(value):
    return value if isinstance(value, str) and len(value) < 40 else ""


@pytest.mark.parametrize(("name", "text", "expected"), ADVERTS, ids=_ids)
def test_held_out_offer_raises_the_flags_a_careful_reader_raises(name, text, expected):
    assert set(check_offer(text).codes) == expected


@pytest.mark.parametrize(("name", "text", "expected"), HONEST, ids=_ids)
def test_honest_texts_raise_few_or_no_flags(name, text, expected):
    codes = set(check_offer(text).codes)
    assert codes == expected
    assert len(codes) <= 1


def test_precision_and_recall_over_the_held_out_set():
    tp = fp = fn = 0
    for _, text, expected in ALL_TEXTS:
        got = set(check_offer(text).codes)
        tp, fp, fn = tp + len(got & expected), fp + len(got - expected), fn + len(expected - got)
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.95


# Paraphrases of each flag, none of them a sentence of the held-out offers.
RAISES: dict[str, list[str]] = {
    "claims_no_risk": [
        "There are no known side effects.",
        "Zero risk of rejection because the cells are yours.",
        "It is a totally safe procedure.",
        "Side effects are minimal.",
        "Natural and therefore harmless.",
        "The safest option for your joints.",
        "Your body cannot reject them.",
        "El procedimiento es completamente seguro.",
        "Prácticamente sin efectos adversos.",
        "No existe riesgo de rechazo.",
        "Los efectos secundarios son mínimos.",
        "Un tratamiento natural y seguro.",
        "Es inocuo para el organismo.",
    ],
    "claims_cure_or_regeneration": [
        "Stem cells can cure your arthritis.",
        "We rebuild worn cartilage.",
        "This therapy reverses the damage of RA.",
        "Achieve lasting remission without drugs.",
        "No more joint pain, no more pills.",
        "Our cells restore joint function.",
        "Las células madre curan la artritis.",
        "Regenera el cartílago desgastado.",
        "Detiene el avance de la enfermedad.",
        "Olvídese del dolor para siempre.",
        "Lograr la remisión total.",
        "Repara las articulaciones dañadas.",
        "Podrá dejar sus medicamentos.",
    ],
    "treats_many_conditions": [
        "We treat RA, lupus, MS and diabetes.",
        "Indications: osteoarthritis, stroke, heart failure, autism.",
        "Tratamos artrosis, Alzheimer, insuficiencia renal y psoriasis.",
        "Para artritis reumatoide, fibromialgia, EPOC y disfunción eréctil.",
    ],
    "testimonials_as_evidence": [
        "Read the success stories of our patients.",
        "See what our patients say.",
        "Five-star reviews on Google.",
        "Watch the before and after videos.",
        "Lea las opiniones en Google.",
        "Conozca los casos de éxito.",
        "Nuestros pacientes felices lo confirman.",
        "Vea el video de Carmen.",
    ],
    "vague_success_claims": [
        "Most people feel better after one session.",
        "An 87% improvement rate.",
        "Dramatic improvement in mobility.",
        "Scientifically proven to reduce inflammation.",
        "Results are guaranteed.",
        "El 92% de los pacientes reporta mejoría.",
        "Resultados asombrosos desde la primera sesión.",
        "Clínicamente comprobado.",
        "Muchos pacientes sienten alivio.",
        "Una mejoría notable en pocas semanas.",
    ],
    "charges_patient": [
        "The fee is $12,000.",
        "Only USD 9,999 for the full protocol.",
        "Pay in monthly installments.",
        "A deposit secures your date.",
        "€7.500 per infusion.",
        "9.800 euros todo el tratamiento.",
        "Costo: 16 mil dólares.",
        "Aceptamos tarjetas de crédito.",
        "Mensualidades fijas.",
        "US$ 5.500 por aplicación.",
    ],
    "pressure_or_free_consult_funnel": [
        "Book your free evaluation now.",
        "See if you qualify today.",
        "Only 5 openings left.",
        "Don't wait, your joints won't.",
        "Complimentary case review by our doctors.",
        "Agende su valoración gratuita.",
        "Descubra si es candidato.",
        "Últimos cupos del mes.",
        "Llame ahora mismo.",
        "Promoción válida hasta el domingo.",
    ],
    "misrepresents_regulation": [
        "Our clinic is government licensed for stem cell therapy.",
        "Cells processed in a cGMP-certified lab.",
        "Approved by the Ministry of Health of Panama.",
        "Autologous cells are exempt from FDA regulation.",
        "Our protocol is approved by an IRB.",
        "Aprobado por COFEPRIS.",
        "Contamos con licencia sanitaria.",
        "Nuestra terapia celular está certificada.",
        "Es legal en Colombia.",
        "Sus propias células no son un medicamento.",
    ],
    "travel_abroad": [
        "Come to Mexico for your treatment.",
        "We arrange your flights and visa support.",
        "Treatment abroad at a fraction of US prices.",
        "Hotel stay included for international patients.",
        "Viaje a Panamá con todo incluido.",
        "Alojamiento incluido.",
        "Recibimos pacientes de más de 30 países.",
        "Trate su artritis en el extranjero.",
    ],
}

# Sentences near each flag's words that must not raise it.
QUIET: dict[str, list[str]] = {
    "claims_no_risk": [
        "Every treatment has risks, including infection.",
        "This is not risk-free.",
        "No es un tratamiento libre de riesgos.",
        "Side effects were recorded at each visit.",
    ],
    "claims_cure_or_regeneration": [
        "There is no cure for rheumatoid arthritis yet.",
        "It is not known whether the cells regenerate cartilage.",
        "La artritis reumatoide no tiene cura.",
        "No se sabe si estas células pueden regenerar el cartílago.",
        "Secure your data.",
    ],
    "treats_many_conditions": [
        "We study rheumatoid arthritis only.",
        "Exclusion criteria: diabetes, heart failure, cancer, hepatitis.",
        "Criterios de exclusión: diabetes, insuficiencia cardiaca, lupus.",
    ],
    "testimonials_as_evidence": [
        "Patients report outcomes in a diary.",
        "Los pacientes completan un cuestionario.",
    ],
    "vague_success_claims": [
        "In a randomised placebo-controlled trial, 40% of patients improved (p = 0.03).",
        "The study will measure improvement in DAS28.",
        "El estudio medirá la mejoría del dolor.",
    ],
    "charges_patient": [
        "There is no cost to take part.",
        "Participation is free of charge.",
        "La participación no tiene ningún costo.",
        "Se le reembolsarán 50 € por visita.",
        "You will receive $40 compensation per visit.",
    ],
    "pressure_or_free_consult_funnel": [
        "Take your time and talk to your family.",
        "Tómese su tiempo para decidir.",
    ],
    "misrepresents_regulation": [
        "No MSC product is approved by the FDA for RA.",
        "This treatment is not approved by COFEPRIS.",
        "Ningún producto de células madre está aprobado para la artritis.",
        "The trial NCT01851070 was approved by the ethics committee.",
    ],
    "travel_abroad": [
        "Visits take place at the hospital.",
        "Las visitas son en el hospital de su ciudad.",
    ],
}


@pytest.mark.parametrize(
    ("code", "sentence"), [(c, s) for c, ss in RAISES.items() for s in ss], ids=lambda v: _ids(v)[:30]
)
def test_paraphrase_raises_its_flag(code, sentence):
    report = check_offer(sentence)
    assert code in report.codes, [(f.code, [e.quote for e in f.evidence]) for f in report.flags]


@pytest.mark.parametrize(
    ("code", "sentence"), [(c, s) for c, ss in QUIET.items() for s in ss], ids=lambda v: _ids(v)[:30]
)
def test_near_miss_does_not_raise_the_flag(code, sentence):
    report = check_offer(sentence)
    assert code not in report.codes, [(f.code, [e.quote for e in f.evidence]) for f in report.flags]


def test_no_registry_id_only_when_none_is_given():
    assert "no_registry_id" in check_offer("Our stem cell therapy works.").codes
    assert "no_registry_id" not in check_offer("Our stem cell trial NCT04971980 is recruiting.").codes


# Metamorphic relations ------------------------------------------------------------------

UNRELATED = [
    "Our offices are open Monday to Friday.",
    "Nuestras oficinas abren de lunes a viernes.",
    "Parking is available nearby.",
]


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _quoted_exactly(text: str) -> bool:
    report = check_offer(text)
    return all(e.quote and text[e.start : e.end] == e.quote for flag in report.flags for e in flag.evidence)


@pytest.mark.parametrize(("name", "text", "_"), ALL_TEXTS, ids=_ids)
@pytest.mark.parametrize("extra", UNRELATED)
def test_an_unrelated_sentence_removes_no_flag(name, text, _, extra):
    before = set(check_offer(text).codes)
    assert before <= set(check_offer(text + "\n\n" + extra).codes)
    assert before <= set(check_offer(extra + "\n" + text).codes)


@pytest.mark.parametrize(("name", "text", "_"), ALL_TEXTS, ids=_ids)
def test_case_and_accents_do_not_change_the_flags(name, text, _):
    codes = set(check_offer(text).codes)
    assert set(check_offer(text.upper()).codes) == codes
    assert set(check_offer(text.lower()).codes) == codes
    assert set(check_offer(_strip_accents(text)).codes) == codes


@pytest.mark.parametrize(("name", "text", "_"), ALL_TEXTS, ids=_ids)
def test_line_breaks_and_spacing_do_not_change_the_flags(name, text, _):
    codes = set(check_offer(text).codes)
    assert set(check_offer(" ".join(text.split())).codes) == codes
    assert set(check_offer(text.replace(" ", "  ")).codes) == codes


@pytest.mark.parametrize(("name", "text", "_"), ALL_TEXTS, ids=_ids)
def test_evidence_is_an_exact_substring_at_its_position(name, text, _):
    assert _quoted_exactly(text)
    assert _quoted_exactly(text.upper())


def test_the_two_halves_of_an_offer_together_raise_every_flag_of_each():
    first, second = ADVERTS[0][1], ADVERTS[12][1]
    together = set(check_offer(first + "\n\n" + second).codes)
    assert set(check_offer(first).codes) | set(check_offer(second).codes) <= together


# Property tests -------------------------------------------------------------------------

_pieces = st.sampled_from([s for ss in RAISES.values() for s in ss] + UNRELATED)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_well_formed_report(text):
    report = check_offer(text)
    assert report.language in {"en", "es"}
    assert list(report.codes) == [c for c in FLAG_CODES if c in report.codes]
    for flag in report.flags:
        for e in flag.evidence:
            assert text[e.start : e.end] == e.quote and e.quote.strip() == e.quote


@settings(max_examples=100, deadline=None)
@given(st.lists(_pieces, min_size=1, max_size=6), st.sampled_from([" ", "\n", "\n\n", "  "]))
def test_flags_of_a_collage_include_the_flags_of_each_sentence(sentences, glue):
    text = glue.join(sentences)
    together = set(check_offer(text).codes)
    for sentence in sentences:
        assert set(check_offer(sentence).codes) - {"no_registry_id", "treats_many_conditions"} <= together
    assert _quoted_exactly(text)


@settings(max_examples=60, deadline=None)
@given(_pieces, st.text(alphabet=st.characters(categories=["Zs", "Cc"]), max_size=5))
def test_surrounding_white_space_does_not_change_the_flags(sentence, space):
    assert set(check_offer(space + sentence + space).codes) == set(check_offer(sentence).codes)


def test_a_text_over_the_bound_is_refused():
    with pytest.raises(ValueError, match="longer than"):
        check_offer("a" * (MAX_CHARS + 1))


def test_a_long_offer_is_checked_quickly():
    import time

    text = ("\n\n".join(t for _, t, _ in ADVERTS) + "\n\n") * 8
    text = text[:20_000]  # the web form's bound
    started = time.perf_counter()
    check_offer(text)
    assert time.perf_counter() - started < 5.0


def _money(amount: int, style: int) -> str:
    thousands = f"{amount:,}"
    return [
        f"${thousands}",
        f"USD {thousands}",
        f"US$ {thousands.replace(',', '.')}",
        f"{thousands.replace(',', '.')} €",
        f"€{thousands}",
        f"{thousands.replace(',', ' ')} euros",
        f"${amount // 1000}K",
        f"{amount // 1000} mil dólares",
        f"MXN {thousands}",
        f"{thousands} pesos",
        f"£{thousands}",
    ][style]


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1_000, 999_999),
    st.integers(0, 10),
    st.sampled_from(["The treatment is {}.", "Tratamiento: {}", "{}"]),
)
def test_any_price_format_is_a_charge_quoted_exactly(amount, style, frame):
    price = _money(amount, style)
    text = frame.format(price)
    report = check_offer(text)
    charges = [f for f in report.flags if f.code == "charges_patient"]
    assert charges, text
    assert any(price in e.quote or e.quote in price for e in charges[0].evidence)
