# ruff: noqa: E501  (article texts: one paragraph per string)
"""The first set of Learn articles, written for Synovia in plain language (English and Spanish).

Loaded by migration 0002; staff edit them afterwards in the admin. Every claim carries a
reference number; the references are listed with each article. Checked against the sources on
2026-12-02. No physician has reviewed them yet: the medical reviewer field says so until one does.
"""

from __future__ import annotations

REVIEWED_ON = "2026-12-02"
AUTHOR = {"en": "Synovia editorial team", "es": "Equipo editorial de Synovia"}
#: No physician has reviewed the first set: the reviewer stays empty and each page says so.
REVIEWER = {"en": "", "es": ""}

R = {
    "isct": ("Dominici M, et al. Minimal criteria for defining multipotent mesenchymal stromal cells. The International Society for Cellular Therapy position statement. Cytotherapy. 2006;8(4):315-317.", "https://doi.org/10.1080/14653240600855905"),
    "fda_consumer": ("U.S. Food and Drug Administration. Important patient and consumer information about regenerative medicine therapies.", "https://www.fda.gov/vaccines-blood-biologics/consumers-biologics/important-patient-and-consumer-information-about-regenerative-medicine-therapies"),
    "fda_warns": ("U.S. Food and Drug Administration. FDA warns about stem cell therapies (consumer update).", "https://www.fda.gov/consumers/consumer-updates/fda-warns-about-stem-cell-therapies"),
    "fda_approved": ("U.S. Food and Drug Administration. Approved cellular and gene therapy products.", "https://www.fda.gov/vaccines-blood-biologics/cellular-gene-therapy-products/approved-cellular-and-gene-therapy-products"),
    "fda_ryoncil": ("U.S. Food and Drug Administration. FDA approves first mesenchymal stromal cell therapy to treat steroid-refractory acute graft-versus-host disease. News release, 18 December 2024.", "https://www.fda.gov/news-events/press-announcements/fda-approves-first-mesenchymal-stromal-cell-therapy-treat-steroid-refractory-acute-graft-versus-host-disease"),
    "fda_report": ("U.S. Food and Drug Administration. Reporting adverse events related to stem cells, exosomes, or other products marketed as regenerative medicine products.", "https://www.fda.gov/vaccines-blood-biologics/consumers-biologics/reporting-adverse-events-related-stem-cells-exosomes-or-other-products-marketed-regenerative"),
    "ema_warns": ("European Medicines Agency, Committee for Advanced Therapies. EMA warns against using unproven cell-based therapies. 28 April 2020.", "https://www.ema.europa.eu/en/news/ema-warns-against-using-unproven-cell-based-therapies"),
    "kuriyan": ("Kuriyan AE, et al. Vision loss after intravitreal injection of autologous \"stem cells\" for AMD. N Engl J Med. 2017;376:1047-1053.", "https://doi.org/10.1056/NEJMoa1609583"),
    "berkowitz": ("Berkowitz AL, et al. Glioproliferative lesion of the spinal cord as a complication of \"stem-cell tourism\". N Engl J Med. 2016;375:196-198.", "https://doi.org/10.1056/NEJMc1600188"),
    "cdc": ("Perkins KM, et al. Notes from the field: infections after receipt of bacterially contaminated umbilical cord blood-derived stem cell products for other than hematopoietic or immunologic reconstitution, United States, 2018. MMWR. 2018;67(50):1397-1399.", "https://www.cdc.gov/mmwr/volumes/67/wr/mm6750a5.htm"),
    "turner": ("Turner L, Knoepfler P. Selling stem cells in the USA: assessing the direct-to-consumer industry. Cell Stem Cell. 2016;19(2):154-157.", "https://doi.org/10.1016/j.stem.2016.06.007"),
    "isscr": ("International Society for Stem Cell Research. A closer look at stem cells (information for patients).", "https://www.closerlookatstemcells.org/"),
    "wang": ("Wang L, et al. Human umbilical cord mesenchymal stem cell therapy for patients with active rheumatoid arthritis: safety and efficacy. Stem Cells Dev. 2013;22(24):3192-3202.", "https://doi.org/10.1089/scd.2013.0023"),
    "alvaro": ("Álvaro-Gracia JM, et al. Intravenous administration of expanded allogeneic adipose-derived mesenchymal stem cells in refractory rheumatoid arthritis (Cx611): results of a multicentre, dose escalation, randomised, single-blind, placebo-controlled phase Ib/IIa clinical trial. Ann Rheum Dis. 2017;76(1):196-202.", "https://doi.org/10.1136/annrheumdis-2015-208918"),
    "ctgov": ("ClinicalTrials.gov (U.S. National Library of Medicine). Search for stem-cell studies in rheumatoid arthritis.", "https://clinicaltrials.gov/search?cond=Rheumatoid%20Arthritis&intr=mesenchymal"),
    "ictrp": ("World Health Organization. International Clinical Trials Registry Platform (ICTRP).", "https://www.who.int/tools/clinical-trials-registry-platform"),
    "acr": ("Fraenkel L, et al. 2021 American College of Rheumatology guideline for the treatment of rheumatoid arthritis. Arthritis Care Res. 2021;73(7):924-939.", "https://doi.org/10.1002/acr.24596"),
    "helsinki": ("World Medical Association. Declaration of Helsinki: ethical principles for medical research involving human participants.", "https://www.wma.net/policies-post/wma-declaration-of-helsinki/"),
    "ctgov_basics": ("ClinicalTrials.gov. Learn about clinical studies.", "https://clinicaltrials.gov/study-basics/learn-about-studies"),
}

EN = {
    "what-mscs-are": {
        "slug": "what-mscs-are",
        "title": "What MSCs are, and what they are not",
        "summary": "Mesenchymal stromal cells: where they come from, what is known about them, and why 'stem cell' on an advert tells you little.",
        "refs": ["isct", "fda_consumer", "ema_warns", "isscr"],
        "body": """MSCs (mesenchymal stromal cells, often called mesenchymal stem cells) are cells that can be grown in a laboratory from bone marrow, fat, umbilical cord or placenta. Scientists agreed a minimum definition in 2006: the cells stick to plastic, carry certain surface markers and can turn into bone, cartilage or fat cells in a dish [1].

## What they are not
- They are not the blood-forming stem cells used in bone-marrow and cord-blood transplants for blood cancers [2].
- They are not a single product: cells from different donors, tissues and laboratories behave differently [1].
- "Your own cells" does not mean "safe": the cells are collected, processed and injected, and each step can cause harm [2][3].

## Why researchers study them in rheumatoid arthritis
In the laboratory, MSCs can calm parts of the immune system. That is why they are being tested in people with rheumatoid arthritis. Whether this helps people, and at what risk, is what registered trials are trying to find out [4].

## What a clinic advert cannot tell you
A clinic may call anything a "stem cell" treatment. The word alone says nothing about what is injected, how it was made, or whether it works [3][4].""",
    },
    "evidence-so-far": {
        "slug": "evidence-so-far",
        "title": "What the studies show so far",
        "summary": "The registered trials of MSCs in rheumatoid arthritis, what the early studies measured, and what is still not known.",
        "refs": ["ctgov", "wang", "alvaro", "ictrp", "acr"],
        "body": """Researchers have registered a small number of trials of MSCs in rheumatoid arthritis. Our catalog holds these, with their status as recorded in the registry on 25 November 2026 [1]:
- NCT01851070: donor bone-marrow precursor cells, one infusion, phase 2, completed.
- NCT02221258 and NCT03618784: FURESTEM-RA (cord-blood MSCs), phase 1 and phase 1/2, completed.
- NCT03691909: the person's own fat-derived MSCs, phase 1/2a, completed.
- NCT03333681: the person's own bone-marrow MSCs and the immune response, phase 1, completed.
- NCT03186417: MSCs in early rheumatoid arthritis, phase 1, terminated.
- NCT01261403: placenta-derived cells, phase 2, terminated.
- NCT04971980: umbilical-cord MSCs (BC-U001), phase 1/2, active, not recruiting.
- NCT01547091, NCT02643823, NCT03067870 and NCT03798028: status unknown (the registry has not been updated).
- NCT03828344 and NCT04170426: not yet recruiting when last updated.

## What early studies measured
Most were phase 1 or 2: their main question was safety, counted as side effects in tens of people, with changes in disease activity (DAS28, ACR20) and blood markers as secondary questions. A study in China of 172 people reported few side effects and lower disease activity in the months after umbilical-cord MSCs [2]. A placebo-controlled trial of donor fat-derived MSCs in 53 people with hard-to-treat rheumatoid arthritis was designed to test safety; it was too small to show whether the cells work [3].

## What is not known
- Whether MSCs improve rheumatoid arthritis more than placebo in large, controlled trials.
- Which cells, dose and schedule, if any, help; and for how long.
- Rare or late side effects, which only large and long studies can find.
A trial's results should be registered and published; look up any study on the registry with its number [1][4]. The medicines your rheumatologist uses today were shown to work in large controlled trials [5].""",
    },
    "regulatory-status": {
        "slug": "regulatory-status",
        "title": "Is any stem-cell treatment approved for rheumatoid arthritis? (status in 2026)",
        "summary": "No MSC product is approved for rheumatoid arthritis anywhere we know of. What the FDA has approved, and why the date matters.",
        "refs": ["fda_approved", "fda_ryoncil", "fda_warns", "ema_warns", "fda_consumer", "kuriyan", "berkowitz", "cdc"],
        "body": """Status as of 2 December 2026. Rules change: check the review date at the top of this page.

## Rheumatoid arthritis
No MSC product is approved for rheumatoid arthritis in the United States, the European Union, or anywhere else we know of [1][4].

## What the FDA has approved
- Blood-forming stem cells from umbilical cord blood, for disorders of the blood and immune system (for example after chemotherapy) [1].
- Since 18 December 2024, one MSC product: remestemcel-L (Ryoncil), for children from 2 months old with acute graft-versus-host disease that does not respond to steroids, a complication of bone-marrow transplants [2]. It is not approved for rheumatoid arthritis or any other disease.
An article written before December 2024 that says "no MSC product is approved in the US" is out of date. That is why every article here shows when it was last reviewed.

## Why approval matters
Unapproved stem-cell treatments have caused infections [8], tumours [7], blindness [6] and other serious harm [3][4]. The FDA warns that clinics often market them as safe and effective for many diseases without the studies to show it [3][5].

## Treatment abroad
A clinic in another country is outside the FDA's control, and outside your own country's regulator: no one you can complain to at home inspects the cells or the clinic [3][4].""",
    },
    "red-flags": {
        "slug": "red-flags",
        "title": "Red flags of unproven stem-cell clinics",
        "summary": "The ten signs our offer check looks for, and why each one matters.",
        "refs": ["fda_warns", "isscr", "turner", "ema_warns", "fda_report"],
        "body": """Regulators and stem-cell scientists list the same warning signs [1][2][4]. Our offer check looks for each of them in an advert's words.
- No trial registry number. A real trial is registered and has a number you can look up [2].
- "No risk", "no side effects", "no rejection", "natural so safe". Every treatment has risks [1].
- Promises to cure, reverse or regrow cartilage, said as fact [1][2].
- The same cells offered for many unrelated diseases. Clinics in the United States were found selling the same cells for dozens of conditions [3].
- Patient stories, videos and star ratings offered as proof [2].
- "Most patients improve" or "90% success" without a published controlled study [2].
- A price, a package, a deposit or financing for an experimental treatment [2].
- Pressure: limited places, deadlines, or a free online assessment that leads to a sale.
- Certificates and registrations presented as if they were approval of the treatment, or "your own cells are not regulated" [1].
- Travel packages to another country [1][4].

## If you were offered or given such a treatment
Talk to your rheumatologist. In the United States you can report a harm to the FDA's MedWatch programme [5]; elsewhere, to your country's medicines regulator.""",
    },
    "questions-to-ask": {
        "slug": "questions-to-ask",
        "title": "Questions to ask a clinic, and your rheumatologist",
        "summary": "What to ask before you agree to any stem-cell treatment.",
        "refs": ["isscr", "fda_consumer", "ictrp", "acr"],
        "body": """Take these questions with you, and write down the answers [1].

## Ask the clinic
- Is this a registered clinical trial? What is its registry number? [3]
- Which agency approved this treatment for rheumatoid arthritis? If none, is it being tested under the regulator's supervision? [2]
- What exactly will be injected: which cells, from whom, how many, made where, and tested how? [1]
- What side effects have you seen, in how many people, and where are the results published? [1]
- What will it cost, and why do I pay for an experimental treatment? [1]
- Who looks after me if something goes wrong, including after I go home? [1]
- May I take the consent form home and talk to my doctor first? [1]

## Ask your rheumatologist
- Is my arthritis controlled, and which approved treatments have I not yet tried? [4]
- Would stopping or changing my medicines for this treatment put me at risk?
- Is there a registered trial I could join, and do I meet its criteria?
- Can you read the clinic's offer with me?""",
    },
    "how-a-trial-works": {
        "slug": "how-a-trial-works",
        "title": "How a registered trial works",
        "summary": "Registry number, no charge to take part, informed consent, and why some people receive a placebo.",
        "refs": ["ctgov_basics", "ictrp", "helsinki"],
        "body": """A clinical trial is a research study that tests a treatment in people under a written plan (the protocol) that an ethics committee and, for a new medicine, the regulator have approved [1][3].

## The registry number
Before it starts, the trial is entered in a public registry, such as ClinicalTrials.gov (NCT numbers) or one of the registries of the World Health Organization's network. You can look the number up and read the plan, the criteria and the results [1][2].

## No charge to take part
People usually do not pay to take part in a trial; many trials cover travel costs. Being asked to pay for an "experimental" treatment is a warning sign [1].

## Consent
You receive the information in writing, have time to ask questions and decide, and can stop at any time without losing your usual care [3].

## Placebo and comparison groups
Many trials compare the new treatment with a placebo (a dummy infusion) or with usual care, and often neither you nor the doctors know who gets which. This is the only way to tell whether the treatment, and not hope or chance, made the difference [1]. In rheumatoid arthritis trials you usually keep your regular medicines [1].

## Phases
Phase 1 trials test safety in a few people; phase 2 looks for signs of benefit and the right dose; phase 3 compares the treatment with placebo or usual care in many people [1].""",
    },
}

ES = {
    "what-mscs-are": {
        "slug": "que-son-las-msc",
        "title": "Qué son las MSC y qué no son",
        "summary": "Las células estromales mesenquimales: de dónde vienen, qué se sabe de ellas y por qué «células madre» en un anuncio dice poco.",
        "body": """Las MSC (células estromales mesenquimales, a menudo llamadas células madre mesenquimales) son células que pueden cultivarse en un laboratorio a partir de médula ósea, grasa, cordón umbilical o placenta. En 2006 los científicos acordaron una definición mínima: las células se adhieren al plástico, llevan ciertos marcadores en su superficie y en una placa pueden convertirse en células de hueso, cartílago o grasa [1].

## Lo que no son
- No son las células madre que forman la sangre, las que se usan en los trasplantes de médula ósea y de sangre de cordón para cánceres de la sangre [2].
- No son un único producto: las células de distintos donantes, tejidos y laboratorios se comportan de forma distinta [1].
- «Sus propias células» no quiere decir «seguro»: las células se extraen, se procesan y se inyectan, y cada paso puede causar daño [2][3].

## Por qué se estudian en la artritis reumatoide
En el laboratorio, las MSC pueden calmar partes del sistema inmunitario. Por eso se están probando en personas con artritis reumatoide. Si esto ayuda a las personas, y con qué riesgo, es lo que intentan averiguar los ensayos registrados [4].

## Lo que el anuncio de una clínica no le dice
Una clínica puede llamar «células madre» a cualquier tratamiento. La palabra sola no dice nada de lo que se inyecta, de cómo se fabricó ni de si funciona [3][4].""",
    },
    "evidence-so-far": {
        "slug": "lo-que-muestran-los-estudios",
        "title": "Lo que muestran los estudios hasta ahora",
        "summary": "Los ensayos registrados de MSC en artritis reumatoide, lo que midieron los primeros estudios y lo que todavía no se sabe.",
        "body": """Los investigadores han registrado un número pequeño de ensayos de MSC en artritis reumatoide. Nuestro catálogo contiene estos, con su estado tal como figuraba en el registro el 25 de noviembre de 2026 [1]:
- NCT01851070: células precursoras de médula ósea de donante, una infusión, fase 2, finalizado.
- NCT02221258 y NCT03618784: FURESTEM-RA (MSC de sangre de cordón), fase 1 y fase 1/2, finalizados.
- NCT03691909: MSC de la grasa de la propia persona, fase 1/2a, finalizado.
- NCT03333681: MSC de la médula ósea de la propia persona y la respuesta inmunitaria, fase 1, finalizado.
- NCT03186417: MSC en artritis reumatoide temprana, fase 1, interrumpido.
- NCT01261403: células derivadas de placenta, fase 2, interrumpido.
- NCT04971980: MSC de cordón umbilical (BC-U001), fase 1/2, activo, sin reclutar.
- NCT01547091, NCT02643823, NCT03067870 y NCT03798028: estado desconocido (el registro no se ha actualizado).
- NCT03828344 y NCT04170426: aún sin reclutar en su última actualización.

## Lo que midieron los primeros estudios
La mayoría fueron de fase 1 o 2: su pregunta principal era la seguridad, contada como efectos secundarios en decenas de personas, y como preguntas secundarias los cambios en la actividad de la enfermedad (DAS28, ACR20) y en marcadores de la sangre. Un estudio en China con 172 personas informó de pocos efectos secundarios y de menor actividad de la enfermedad en los meses siguientes a recibir MSC de cordón umbilical [2]. Un ensayo con placebo de MSC de grasa de donante en 53 personas con artritis reumatoide difícil de tratar se diseñó para probar la seguridad; era demasiado pequeño para mostrar si las células funcionan [3].

## Lo que no se sabe
- Si las MSC mejoran la artritis reumatoide más que un placebo en ensayos grandes y controlados.
- Qué células, qué dosis y qué pauta ayudan, si alguna lo hace, y durante cuánto tiempo.
- Los efectos secundarios raros o tardíos, que solo los estudios grandes y largos pueden encontrar.
Los resultados de un ensayo deben registrarse y publicarse; busque cualquier estudio en el registro con su número [1][4]. Los medicamentos que usa hoy su reumatólogo demostraron funcionar en ensayos grandes y controlados [5].""",
    },
    "regulatory-status": {
        "slug": "situacion-regulatoria",
        "title": "¿Hay algún tratamiento con células madre aprobado para la artritis reumatoide? (situación en 2026)",
        "summary": "Ningún producto de MSC está aprobado para la artritis reumatoide en ningún país que conozcamos. Lo que ha aprobado la FDA, y por qué importa la fecha.",
        "body": """Situación a 2 de diciembre de 2026. Las normas cambian: mire la fecha de revisión al principio de esta página.

## Artritis reumatoide
Ningún producto de MSC está aprobado para la artritis reumatoide en Estados Unidos, en la Unión Europea ni en ningún otro lugar que conozcamos [1][4].

## Lo que ha aprobado la FDA
- Células madre formadoras de sangre procedentes de sangre de cordón umbilical, para trastornos de la sangre y del sistema inmunitario (por ejemplo, después de la quimioterapia) [1].
- Desde el 18 de diciembre de 2024, un producto de MSC: remestemcel-L (Ryoncil), para niños a partir de 2 meses con enfermedad de injerto contra huésped aguda que no responde a los corticoides, una complicación de los trasplantes de médula ósea [2]. No está aprobado para la artritis reumatoide ni para ninguna otra enfermedad.
Un artículo escrito antes de diciembre de 2024 que diga «no hay ningún producto de MSC aprobado en EE. UU.» está desactualizado. Por eso cada artículo aquí muestra cuándo se revisó por última vez.

## Por qué importa la aprobación
Los tratamientos con células madre no aprobados han causado infecciones [8], tumores [7], ceguera [6] y otros daños graves [3][4]. La FDA advierte de que las clínicas suelen anunciarlos como seguros y eficaces para muchas enfermedades sin los estudios que lo demuestren [3][5].

## Tratamiento en el extranjero
Una clínica en otro país está fuera del control de la FDA y del regulador de su propio país: nadie ante quien usted pueda reclamar en casa inspecciona las células ni la clínica [3][4].""",
    },
    "red-flags": {
        "slug": "senales-de-alerta",
        "title": "Señales de alerta de las clínicas de células madre no probadas",
        "summary": "Las diez señales que busca nuestra comprobación de ofertas, y por qué importa cada una.",
        "body": """Los reguladores y los científicos de células madre enumeran las mismas señales de alerta [1][2][4]. Nuestra comprobación de ofertas busca cada una en las palabras de un anuncio.
- Sin número de registro del ensayo. Un ensayo real está registrado y tiene un número que usted puede buscar [2].
- «Sin riesgo», «sin efectos secundarios», «sin rechazo», «natural y por tanto seguro». Todo tratamiento tiene riesgos [1].
- Promesas de curar, revertir o regenerar el cartílago, dichas como un hecho [1][2].
- Las mismas células ofrecidas para muchas enfermedades sin relación entre sí. En Estados Unidos se encontraron clínicas que vendían las mismas células para decenas de enfermedades [3].
- Historias de pacientes, vídeos y estrellas ofrecidos como prueba [2].
- «La mayoría de los pacientes mejora» o «90 % de éxito» sin un estudio controlado y publicado [2].
- Un precio, un paquete, un depósito o financiación para un tratamiento experimental [2].
- Presión: plazas limitadas, fechas límite o una valoración gratuita en línea que lleva a una venta.
- Certificados y registros presentados como si fueran la aprobación del tratamiento, o «sus propias células no están reguladas» [1].
- Paquetes de viaje a otro país [1][4].

## Si le ofrecieron o le pusieron un tratamiento así
Hable con su reumatólogo. En Estados Unidos puede notificar un daño al programa MedWatch de la FDA [5]; en otros países, al regulador de medicamentos de su país.""",
    },
    "questions-to-ask": {
        "slug": "preguntas-para-hacer",
        "title": "Preguntas para la clínica y para su reumatólogo",
        "summary": "Qué preguntar antes de aceptar cualquier tratamiento con células madre.",
        "body": """Lleve estas preguntas y anote las respuestas [1].

## Pregunte a la clínica
- ¿Es un ensayo clínico registrado? ¿Cuál es su número de registro? [3]
- ¿Qué agencia aprobó este tratamiento para la artritis reumatoide? Si ninguna, ¿se está probando bajo la supervisión del regulador? [2]
- ¿Qué se me va a inyectar exactamente: qué células, de quién, cuántas, fabricadas dónde y analizadas cómo? [1]
- ¿Qué efectos secundarios han visto, en cuántas personas, y dónde están publicados los resultados? [1]
- ¿Cuánto costará, y por qué pago por un tratamiento experimental? [1]
- ¿Quién me atiende si algo sale mal, también cuando vuelva a casa? [1]
- ¿Puedo llevarme el consentimiento a casa y hablar antes con mi médico? [1]

## Pregunte a su reumatólogo
- ¿Está controlada mi artritis, y qué tratamientos aprobados no he probado todavía? [4]
- ¿Me pondría en riesgo dejar o cambiar mis medicamentos por este tratamiento?
- ¿Hay algún ensayo registrado en el que pueda participar, y cumplo sus criterios?
- ¿Puede leer conmigo la oferta de la clínica?""",
    },
    "how-a-trial-works": {
        "slug": "como-funciona-un-ensayo",
        "title": "Cómo funciona un ensayo registrado",
        "summary": "Número de registro, participación sin coste, consentimiento informado y por qué algunas personas reciben un placebo.",
        "body": """Un ensayo clínico es un estudio de investigación que prueba un tratamiento en personas según un plan escrito (el protocolo) aprobado por un comité de ética y, para un medicamento nuevo, por el regulador [1][3].

## El número de registro
Antes de empezar, el ensayo se inscribe en un registro público, como ClinicalTrials.gov (números NCT) o uno de los registros de la red de la Organización Mundial de la Salud. Usted puede buscar el número y leer el plan, los criterios y los resultados [1][2].

## Participar no cuesta
Normalmente las personas no pagan por participar en un ensayo; muchos ensayos cubren los gastos de viaje. Que le pidan pagar por un tratamiento «experimental» es una señal de alerta [1].

## Consentimiento
Usted recibe la información por escrito, tiene tiempo para preguntar y decidir, y puede dejarlo en cualquier momento sin perder su atención habitual [3].

## Placebo y grupos de comparación
Muchos ensayos comparan el tratamiento nuevo con un placebo (una infusión sin el producto) o con el tratamiento habitual, y a menudo ni usted ni los médicos saben quién recibe cuál. Es la única manera de saber si fue el tratamiento, y no la esperanza o el azar, lo que marcó la diferencia [1]. En los ensayos de artritis reumatoide normalmente usted sigue con sus medicamentos habituales [1].

## Fases
Los ensayos de fase 1 prueban la seguridad en pocas personas; los de fase 2 buscan indicios de beneficio y la dosis adecuada; los de fase 3 comparan el tratamiento con placebo o con el tratamiento habitual en muchas personas [1].""",
    },
}

ORDER = ["what-mscs-are", "evidence-so-far", "regulatory-status", "red-flags", "questions-to-ask", "how-a-trial-works"]
RELATED = {
    "what-mscs-are": ["evidence-so-far", "regulatory-status"],
    "evidence-so-far": ["how-a-trial-works", "regulatory-status"],
    "regulatory-status": ["red-flags", "evidence-so-far"],
    "red-flags": ["questions-to-ask", "regulatory-status"],
    "questions-to-ask": ["red-flags", "how-a-trial-works"],
    "how-a-trial-works": ["evidence-so-far", "questions-to-ask"],
}
