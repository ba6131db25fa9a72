# ruff: noqa: E501  (lexicon data: one phrase family per line reads better than wrapped)
"""Spanish cues for each red flag, written against the folded text (no accents, lower case).

Inflections are spelled out (``segur[oa]s?``, ``regener(?:a|an|ar|...)``) so that a paraphrase
in another person, number or gender still matches. Sources as in ``lexicon_en``; the Spanish
wording follows real advertising registers in Mexico, Spain and South America (usted and tu).
"""

from __future__ import annotations

G2 = r"(?:\w+ ){0,2}?"
HARM = (
    r"(?:efectos? (?:secundarios?|adversos?|colaterales?|indeseables?)|reacciones? adversas?|complicaciones?|"
    r"riesgos?|peligros?)"
)
DESTINOS = (
    r"(?:mexico|cancun|tijuana|los cabos|puerto vallarta|panama|costa rica|colombia|bahamas|islas caiman|antigua|"
    r"republica dominicana|punta cana|ucrania|tailandia|india|china|alemania|turquia|estambul|serbia|argentina|"
    r"peru|ecuador|guatemala|honduras|rusia|chipre|espana|uruguay|belice|jamaica|dubai|estados unidos|"
    r"el extranjero|otro pais)"
)
REGULADORES = (
    r"(?:la |el )?(?:fda|cofepris|anmat|invima|aemps|anvisa|digemid|minsa|ema|mhra|agencia europea\w*|"
    r"ministerio de salud|secretaria de salud|gobierno|autoridad(?:es)? sanitaria\w*|salud publica)"
)

CUES: dict[str, tuple[str, ...]] = {
    "claims_no_risk": (
        rf"\b(?:sin|cero|ningun|ninguna|ningunos|minimos|minimas|pocos|pocas|escasos|escasas|nulos|nulas|casi sin|"
        rf"practicamente sin|libres? de|exent[oa]s? de|bajo|bajos) {G2}{HARM}\b",
        rf"\b{HARM} (?:son |es |practicamente |casi )?(?:minimos|minimas|minimo|nulos|nulas|nulo|inexistentes|"
        r"inexistente|muy raros|rarisimos|cero)\b",
        rf"\bno (?:tiene|tienen|hay|existe|existen|causa|causan|produce|producen|presenta|presentan|genera|generan|"
        rf"implica|conlleva|conllevan|habra|tendra|tendras|tendras) {G2}(?:{HARM}|rechazo)\b",
        rf"\b(?:sin|cero|nulo|ningun|nada de) {G2}rechazo\b",
        r"\b(?:totalmente|completamente|100 ?%|absolutamente|perfectamente|muy|super|sumamente|extremadamente|"
        r"comprobadamente|siempre|plenamente) segur[oa]s?\b",
        r"\bsegur[oa]s? y (?:natural(?:es)?|eficaz|eficaces|efectiv[oa]s?|comprobad[oa]s?|sin dolor|confiables?)\b",
        r"\bnatural(?:es)?,? (?:y |por lo tanto |asi que |por eso |por ende )?(?:segur[oa]s?|inocu[oa]s?)\b",
        r"\b(?:100 ?%|totalmente|completamente) natural(?:es)?\b",
        r"\binocu[oa]s?\b",
        r"\bno (?:lo |las |los )?(?:puede|pueden|podra|va a|van a) rechazar\w*\b",
        r"\b(?:el|la) (?:tratamiento|procedimiento|terapia|opcion) mas segur[oa]\b",
        r"\bno (?:puede|pueden|va a|van a) (?:causar|generar|producir) (?:ningun |ninguna )?(?:rechazo|dano|efectos?)\b",
    ),
    "claims_cure_or_regeneration": (
        r"\bcur(?:a|an|ar|arse|ara|aran|amos|acion|aciones|ado|ada|ados|adas|ativo|ativa|ativos|e|en)\b",
        r"\b(?:revert\w*|revierte\w*|reversion) (?:\w+ ){0,3}?(?:dano|danos|enfermedad|artritis|sintomas|"
        r"inflamacion|envejecimiento|degeneracion|articulaci\w+|proceso|desgaste)\b",
        r"\bregener(?:a|an|ar|ara|aran|e|en|acion|ando|ado|ada|ados|adas|arse|amos)\b",
        r"\b(?:regener|repar|reconstru|restaur|renuev|renov|recuper|reemplaz|reponer|repone)\w* (?:\w+ ){0,3}?(?:cartilag\w*|"
        r"tejidos?|articulaci\w+|huesos?|dano|danos|funcion|movilidad|salud|sistema inmune|sistema inmunologico)\b",
        r"\b(?:nuevo|sano) cartilago\b",
        r"\bcartilago (?:nuevo|sano)\b",
        r"\b(?:detener|detiene|detienen|detenga|detengan|frenar|frena|frenan|frene|frenen|paraliza|paralizar|"
        r"paralizan|para en seco) (?:\w+ ){0,2}?(?:enfermedad|progresion|avance|artritis|degeneracion|"
        r"inflamacion|dano|desgaste)\b",
        r"\b(?:sana|sanar|sanan|sane|sanen|sanacion|sanando) (?:\w+ ){0,2}?(?:articulaci\w+|cuerpo|artritis|"
        r"enfermedad|dano|tejidos?|cartilago)\b",
        r"\b(?:alivio|resultados?|solucion|recuperacion|mejoria|remision|curacion) (?:permanente|permanentes|"
        r"definitiv[oa]s?|duraderos?|duraderas?|total|totales|complet[oa]s?|para siempre)\b",
        r"\bremision (?:total|completa|duradera|sostenida|sin medicamentos)\b",
        r"\b(?:lograr|logra|logran|alcanzar|alcanza|alcance|alcanzan|induce|inducir|inducen|entrar en|entra en) (?:la )?remision\b",
        r"\b(?:adios|olvidese|olvidate|no mas|diga adios|di adios|liberese|librese|vivir sin|viva sin|vive sin) "
        r"(?:\w+ ){0,2}?(?:dolor|artritis|medicamentos?|medicinas?|farmacos?|pastillas|cirugias?|protesis|"
        r"inflamacion|enfermedad)\b",
        r"\belimin\w* (?:\w+ ){0,2}?(?:dolor|artritis|medicamentos?|inflamacion|enfermedad)\b",
        r"\blibres? de (?:dolor|artritis|medicamentos|la enfermedad)\b",
        r"\b(?:dejar|deje|dejara|dejaran|dejaras) (?:de tomar|sus|los|las|tus) (?:\w+ ){0,2}?(?:medicamentos?|"
        r"medicinas?|farmacos?|pastillas|metotrexato|esteroides|biologicos)\b",
        r"\b(?:rejuvenec\w*) (?:\w+ ){0,2}?(?:articulaci\w+|cuerpo|celulas|tejidos?)\b",
    ),
    "treats_many_conditions": (),
    "testimonials_as_evidence": (
        r"\btestimonios?\b",
        r"\btestimoniales?\b",
        r"\b(?:historias?|casos?) (?:reales )?de (?:exito|pacientes|recuperacion|vida|superacion)\b",
        r"\b(?:lo que|que) (?:dicen|opinan|cuentan) (?:nuestros |los )?(?:pacientes|clientes)\b",
        r"\b(?:conozca|escuche|lea|conoce|escucha|lee) (?:a )?(?:nuestros |los |las )?(?:pacientes|experiencias)\b",
        r"\b(?:vea|mire|mira|ve|ver|conoce|conozca|observe|observa|dale play a) (?:\w+ ){0,3}?videos?\b",
        r"\bvideos? (?:de|con) (?:\w+ )?(?:testimonios|pacientes|resultados)\b",
        r"\b(?:5|cinco) estrellas\b",
        "[\u2605\u2b50]{3,}",
        r"\b\d[.,]\d (?:de 5 )?estrellas\b",
        r"\b(?:resenas|opiniones|valoraciones|calificaciones) (?:en|de) (?:google|facebook|trustpilot|doctoralia)\b",
        r"\b(?:lea|vea|consulte|mira|mire|lee|revise|revisa) (?:\w+ ){0,2}?(?:resenas|opiniones)\b",
        r"\b(?:miles|cientos) de pacientes (?:satisfechos|felices|contentos|agradecidos)\b",
        r"\bpacientes (?:satisfechos|felices|contentos|agradecidos|encantados)\b",
        r"\bantes y despues\b",
        r"\bpacientes reales,? resultados reales\b",
        r"\b(?:ya )?puedo (?:caminar|correr|moverme|trabajar|bailar|subir escaleras) (?:de nuevo|otra vez|nuevamente)\b",
        r"\bvolvi a (?:caminar|correr|trabajar|bailar|vivir|moverme)\b",
        r"\bmi (?:dolor|vida|artritis) (?:\w+ ){0,3}?(?:desaparecio|cambio|se fue|termino)\b",
    ),
    "vague_success_claims": (
        r"\b(?:la mayoria de|la gran mayoria de|muchos de|muchos|muchas|casi todos|casi todas|miles de|cientos de|"
        r"\d+ de cada \d+|nueve de cada diez|ocho de cada diez) (?:nuestros |nuestras |los |las )?(?:\w+ )?"
        r"(?:pacientes|personas|casos|clientes) (?:\w+ ){0,2}?(?:mejora\w*|reporta\w*|nota\w*|sient\w*|"
        r"experimenta\w*|ven|obtien\w*|logra\w*|recupera\w*|responde\w*|se benefici\w*|presenta\w* mejor\w*|"
        r"refier\w*)\b",
        r"\b\d{1,3}(?:[.,]\d+)? ?(?:%|por ciento) (?:\w+ ){0,4}?(?:exito|mejor\w*|satisf\w*|efectiv\w*|eficacia|"
        r"respuesta|alivio|reduccion)\b",
        r"\b(?:tasa|indice|porcentaje|nivel|tasas|indices) de (?:exito|eficacia|efectividad|satisfaccion|mejoria|respuesta)\b",
        r"\b(?:alta|alto|altos|altas|excelente|excelentes|gran|grandes|extraordinari[oa]s?|impresionantes?|"
        r"asombros[oa]s?|increibles?|sorprendentes?|milagros[oa]s?|espectaculares?|notables?|comprobad[oa]s?|"
        r"probad[oa]s?|excepcionales?) (?:tasa de )?(?:exito|resultados?|mejorias?|eficacia|recuperaci\w+)\b",
        r"\b(?:tratamientos?|terapias?|curas?|procedimientos?|celulas?|recuperacion) (?:es |son )?"
        r"(?:milagros[oa]s?|garantizad[oa]s?)\b",
        r"\b(?:resultados?|mejorias?|exito|eficacia) (?:son |es )?(?:comprobad[oa]s?|probad[oa]s?|garantizad[oa]s?|"
        r"asombros[oa]s?|increibles?|sorprendentes?|extraordinari[oa]s?|excelentes?|espectaculares?|notables?|"
        r"milagros[oa]s?|impresionantes?|visibles?|demostrad[oa]s?)\b",
        r"\b(?:clinicamente|cientificamente|medicamente) (?:comprobad[oa]s?|probad[oa]s?|demostrad[oa]s?|"
        r"respaldad[oa]s?|avalad[oa]s?)\b",
        r"\b(?:mejoria|mejora|reduccion|alivio|cambio) (?:significativ[oa]|notable|importante|dramatic[oa]|visible|"
        r"evidente|radical|sorprendente)\b",
        r"\b(?:respaldad[oa]s?|avalad[oa]s?) por (?:la ciencia|estudios|investigaciones)\b",
        r"\bgarantiza\w* (?:\w+ ){0,2}?(?:resultados?|mejoria|exito|alivio)\b",
        r"\bfunciona en (?:la mayoria|casi todos|todos)\b",
    ),
    "charges_patient": (
        r"\b(?:precio|precios|costo|costos|coste|costes|cuesta|cuestan|tarifa|tarifas|honorarios|cuota|cuotas|deposito|"
        r"anticipo|enganche|apartado|financiamiento|financiacion|financiamos|financia|mensualidades|plan de pagos|"
        r"planes de pago|descuento|descuentos|promocion|oferta especial|inversion|financiado por el paciente)\b",
        r"\bmeses sin intereses\b",
        r"\ba (?:\d+|tres|seis|doce) meses\b",
        r"\bpagos? (?:en|con|mensual\w*|a plazos|diferidos?|semanales?|unico)\b",
        r"\b(?:pague|paga|pagar|pagas) (?:en|con|solo|solamente|el|la|por|hasta)\b",
        r"\bpaquetes?\b",
        r"\bdesde solo\b",
        r"\btarjetas? de credito\b",
        r"\baceptamos (?:todas las )?tarjetas\b",
        r"\b(?:no lo cubre el seguro|el seguro no (?:lo )?cubre)\b",
    ),
    "pressure_or_free_consult_funnel": (
        r"\b(?:consulta|consultas|valoracion|valoraciones|evaluacion|evaluaciones|diagnostico|revision|asesoria|"
        r"asesoramiento|cita|llamada|cotizacion|primera consulta|orientacion|pre ?evaluacion|videoconsulta|"
        r"teleconsulta|proceso|informacion|webinar|seminario|charla) (?:\w+ ){0,2}?(?:gratis|gratuita|gratuitas|"
        r"gratuito|gratuitos|sin costo|sin cargo|sin coste|sin compromiso|de cortesia|totalmente gratis|en linea gratis)\b",
        r"\b(?:gratis|gratuita|gratuito|gratuitamente|sin costo)(?: y sin compromiso)? (?:\w+ ){0,1}?(?:consulta|valoracion|"
        r"evaluacion|diagnostico|asesoria|proceso|informacion)\b",
        r"\bsin compromiso\b",
        r"\b(?:inicie|inicia|inicia tu|comience|comienza|empiece|empieza|arranque|arranca) (?:\w+ ){0,2}?(?:proceso|"
        r"evaluacion|valoracion|tramite|solicitud|camino)\b",
        r"\b(?:descubra|descubre|averigue|averigua|sepa|conozca|conoce) (?:\w+ ){0,1}?si (?:usted )?(?:es|eres) "
        r"(?:un |una )?(?:buen |buena )?candidat[oa]\b",
        r"\b(?:es usted|eres|usted es) (?:un |una )?(?:buen |buena )?candidat[oa]\b",
        r"\b(?:llame|llama|llamenos|llamanos|agende|agenda|reserve|reserva|escribanos|escribenos|contactenos|contactanos|"
        r"aplique|aplica|registrese|registrate|solicite|solicita|aparte|aparta|inscribase|inscribete) (?:\w+ ){0,2}?(?:ya|"
        r"hoy|ahora|ahora mismo|de inmediato|cuanto antes|hoy mismo)\b",
        r"\b(?:cupos?|lugares|plazas|espacios|citas|vacantes) (?:\w+ ){0,1}?limitad[oa]s\b",
        r"\b(?:ultimos|ultimas|pocos|pocas|quedan pocos|quedan pocas) (?:lugares|cupos|plazas|espacios|citas|vacantes)\b",
        r"\b(?:solo|solamente|unicamente) (?:quedan|hay|tenemos) \d+\b",
        r"\bno (?:espere|esperes|lo pienses|lo piense|deje pasar|dejes pasar|pierda|pierdas)\b",
        r"\b(?:por tiempo limitado|tiempo limitado|ultima oportunidad|solo hoy|solo por hoy|solo esta semana|"
        r"solo este mes|antes de que sea (?:demasiado )?tarde|aproveche|aprovecha|mientras duren|oferta valida hasta|"
        r"valido hasta|valida hasta|promocion valida|cuanto antes mejor)\b",
        r"\b(?:promocion|oferta|descuento|precio especial) (?:\w+ ){0,2}?hasta el\b",
        r"\b(?:agenda|calendario|cupo) (?:esta |ya esta )?(?:casi |practicamente )?(?:llen[oa]|complet[oa])\b",
        r"\b(?:usted |tu )?(?:califica|calificas|es apt[oa]|eres apt[oa]) para\b",
    ),
    "misrepresents_regulation": (
        rf"\b(?:aprobad[oa]s?|autorizad[oa]s?|certificad[oa]s?|avalad[oa]s?|registrad[oa]s?|regulad[oa]s?|acreditad[oa]s?|"
        rf"reconocid[oa]s?|respaldad[oa]s?|permitid[oa]s?|supervisad[oa]s?|vigilad[oa]s?) {G2}(?:por|ante) {REGULADORES}\b",
        rf"\b(?:aval|aprobacion|autorizacion|certificacion|registro|licencia|permiso|respaldo|certificado) (?:\w+ )?"
        rf"(?:de |del |ante )?{REGULADORES}\b",
        r"\b(?:fda|cofepris|anmat|invima|aemps) (?:aprobad[oa]s?|certificad[oa]s?|autorizad[oa]s?)\b",
        r"\b(?:certificacion|certificad[oa]s?|norma|normas|acreditacion|acreditad[oa]s?) (?:\w+ ){0,1}?(?:iso|gmp|bpm|"
        r"buenas practicas de (?:manufactura|fabricacion)|cgmp)\b",
        r"\b(?:iso|gmp)(?: \d+)? (?:certificad[oa]s?)\b",
        r"\blicencia sanitaria\b",
        r"\b(?:es un|es una|son|nuestro|nuestra|nuestros|nuestras|este|esta) (?:\w+ ){0,2}?(?:tratamientos?|terapias?|"
        r"procedimientos?|protocolos?) (?:\w+ ){0,2}?(?:aprobad[oa]s?|legal(?:es)?|autorizad[oa]s?|certificad[oa]s?)\b",
        rf"\b(?:legal|legales|permitid[oa]s?|aprobad[oa]s?|autorizad[oa]s?) en {DESTINOS}\b",
        r"\bno (?:requiere|necesita|requieren|necesitan) (?:\w+ ){0,2}?(?:aprobacion|autorizacion|registro|receta|permiso)\b",
        r"\bno (?:es|son|se considera\w*) (?:un |una )?(?:medicamentos?|farmacos?|regulad[oa]s?)\b",
        r"\bsus propias celulas,? (?:\w+ ){0,4}?no (?:son|es|requiere\w*|necesita\w*|estan?)\b",
        r"\bminimamente manipulad\w*\b",
    ),
    "travel_abroad": (
        r"\bturismo (?:medico|de salud|sanitario)\b",
        rf"\b(?:viaj\w*|vuel[aeo]\w*|venga|ven|visitenos|visitanos|traslad\w*) (?:\w+ ){{0,2}}?(?:a|hacia|en|desde) {DESTINOS}\b",
        r"\bpaquetes? (?:\w+ ){0,2}?(?:de viaje|todo incluido|turistic\w*|vacacional\w*|con hotel|con hospedaje|con vuelos?)\b",
        r"\btodo incluido\b",
        r"\b(?:hospedaje|alojamiento|hotel|vuelos?|boletos? de avion|pasajes? aereos?|traslados?) (?:\w+ ){0,2}?"
        r"(?:incluid[oa]s?|aeropuerto|cubiert[oa]s?)\b",
        r"\b(?:recogida|recoleccion|traslado\w*|transporte) (?:\w+ ){0,2}?aeropuerto\b",
        r"\bpacientes? (?:internacionales|extranjeros|del extranjero|de (?:todo el mundo|otros paises|\d+ paises|"
        r"mas de \d+ paises|toda (?:latinoamerica|america latina|america|europa)|estados unidos|canada|europa))\b",
        r"\b(?:en el|al|del|desde el) extranjero\b",
        r"\bfuera de (?:su|tu) pais\b",
        r"\bcruzar la frontera\b",
        r"\bpasaportes?\b",
        r"\bvisa (?:de turista|medica|humanitaria)\b",
        r"\b(?:vacaciones|turismo) (?:\w+ ){0,2}?(?:tratamiento|terapia)\b",
    ),
}

NEEDS_NO_ID: dict[str, tuple[str, ...]] = {
    "misrepresents_regulation": (
        r"\baprobad[oa] por (?:el |un |nuestro )?(?:comite de (?:etica|bioetica|investigacion)|irb)\b",
        r"\bregistrad[oa] (?:en|ante) (?:clinicaltrials|el registro|un registro)\b",
        r"\b(?:nuestro|este) (?:protocolo|estudio|ensayo|programa) (?:\w+ )?(?:esta )?(?:registrado|aprobado)\b",
    ),
}

NEGATORS = r"\b(?:no|nunca|ni|jamas|tampoco|ningun|ninguna|nada)\b"

HEDGES = (
    r"\b(?:si (?:las|los|el|la|estas?|estos|esta terapia|este tratamiento) (?:\w+ ){0,3}?(?:pueden?|es|son|funciona\w*|"
    r"sirve\w*|ayuda\w*)|evaluar si|determinar si|saber si|averiguar si|comprobar si|se desconoce|no se sabe|"
    r"no (?:esta|estan) (?:demostrad|probad|comprobad|aprobad)\w*|no (?:ha|han) (?:sido )?(?:demostrad|probad|comprobad)\w*|"
    r"no hay (?:pruebas|evidencia)|sin (?:pruebas|evidencia)|investigar|hipotesis|desconfi\w*|senal(?:es)? de alerta|"
    r"advertencia|cuidado con|afirman? que|prometen? que|ningun (?:\w+ ){0,4}?(?:esta|ha sido) aprobad\w*)\b"
)

NOT_CHARGED = (
    r"\b(?:sin costo|sin coste|sin cargo|gratuit[oa]s?|no tiene (?:ningun )?costo|no (?:se le |le )?cobra\w*|"
    r"no (?:tendra|debera|tiene) (?:que )?pagar|reembols\w*|cubiert[oa]s? por el (?:estudio|patrocinador|ensayo)|"
    r"compensaci\w+|el patrocinador (?:paga|cubre))\b"
)
AMOUNT_NOT_CHARGED = r"\b(?:reembols\w*|compensaci\w+|se le pagara|recibira)\b"

STUDY_WORDS = (
    r"\b(?:ensayos? clinicos?|estudios? clinicos?|investigacion clinica|protocolos? de investigacion|nuestro estudio|"
    r"nuestro protocolo|protocolos?|terapias? con celulas madre|tratamientos? con celulas madre)\b"
)
