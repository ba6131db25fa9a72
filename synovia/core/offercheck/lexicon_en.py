# ruff: noqa: E501  (lexicon data: one phrase family per line reads better than wrapped)
"""English cues for each red flag, written against the folded text (see ``text.fold``).

Patterns see lower case without accents, hyphens as spaces and single spaces. ``(?:\\w+ ){0,2}?``
lets up to two words come between the parts of a phrase ("no serious side effects"). A cue
marked ``NEEDS_NO_ID`` counts only when the text gives no registry id (an ethics approval is
real for a registered trial and a half-truth without one). The flag definitions follow
issue 15 and the warning signs that the FDA (https://www.fda.gov/consumers/consumer-updates/
fda-warns-about-stem-cell-therapies), the EMA (https://www.ema.europa.eu/en/news/
ema-warns-against-using-unproven-cell-based-therapies) and the ISSCR
(https://www.closerlookatstemcells.org/) list for unproven stem-cell clinics.
"""

from __future__ import annotations

G2 = r"(?:\w+ ){0,2}?"
G3 = r"(?:\w+ ){0,3}?"
HARM = r"(?:side effects?|adverse (?:effects?|reactions?|events?)|complications?|risks?(?! free)|dangers?)"
PEOPLE = r"(?:patients|clients|people|cases|users|participants)"
DESTINATIONS = (
    r"(?:mexico|cancun|tijuana|los cabos|cabo|puerto vallarta|panama|costa rica|colombia|bahamas|nassau|"
    r"cayman(?: islands)?|grand cayman|antigua|dominican republic|punta cana|ukraine|kyiv|kiev|thailand|"
    r"bangkok|india|china|germany|turkey|istanbul|serbia|belgrade|argentina|peru|ecuador|guatemala|"
    r"honduras|russia|georgia|cyprus|malaysia|philippines|vietnam|korea|japan|spain|uruguay|belize|"
    r"jamaica|curacao|aruba|barbados|dubai|the uae|abroad|overseas)"
)
REGULATORS = (
    r"(?:(?:the )?(?:us |u s )?(?:fda|food and drug administration|cofepris|anmat|invima|aemps|anvisa|"
    r"digemid|mhra|tga|health canada|ema|european medicines agency|ministry of health|"
    r"department of health|government|health authorit\w+|secretaria de salud|ministerio de salud))"
)

CUES: dict[str, tuple[str, ...]] = {
    "claims_no_risk": (
        rf"\b(?:no|zero|without(?: any)?|free (?:of|from)|minimal|minimum|few|little|rare|negligible|"
        rf"virtually no|almost no|hardly any|practically no|low) {G2}{HARM}\b",
        rf"\b{HARM} (?:are |is )?(?:minimal|negligible|rare|non existent|nonexistent|extremely rare|virtually zero|zero)\b",
        r"\brisk ?free\b",
        rf"\b(?:no|zero|without(?: any)?|free (?:of|from)) {G2}(?:risk of )?rejection\b",
        r"\b(?:cannot|can't|won't|will not|doesn't|does not|can never) (?:cause|be|trigger) (?:any )?(?:rejection|rejected|side effects|harm)\b",
        rf"\b(?:never|not|none of our patients have) (?:had|reported|experienced|seen|caused) (?:a single |any )?(?:\w+ )?{HARM}\b",
        r"\b(?:completely|totally|100 ?%|perfectly|absolutely|entirely|fully|extremely|very|proven|incredibly|"
        r"remarkably|exceptionally|inherently|naturally|always|super) safe\b",
        r"\bsafe and (?:natural|effective|proven|painless|gentle)\b",
        r"\bnatural(?:ly)?,? (?:and |so |therefore |hence |which makes it |meaning it is )?(?:safe|harmless|risk free)\b",
        r"\b(?:all|100 ?%|completely|totally) natural\b",
        r"\bharmless\b",
        r"\b(?:cannot|can't|won't|will not|can never|doesn't|does not|never) (?:\w+ )?reject\w*\b",
        r"\bsafest\b",
        r"\bno (?:chance|possibility) of (?:rejection|harm|infection)\b",
    ),
    "claims_cure_or_regeneration": (
        r"\bcur(?:e|es|ed|ing|ative)\b",
        r"\b(?:reverse[sd]?|reversing|reversal of) (?:\w+ ){0,3}?(?:damage|disease|arthritis|ra|condition|"
        r"symptoms|inflammation|aging|ageing|degeneration|joints?|process)\b",
        r"\bregenerat(?:e|es|ed|ing|ion)\b",
        r"\b(?:regenerate|regenerates|regenerating|repair|repairs|repaired|repairing|rebuild|rebuilds|rebuilding|regrow|regrows|regrowing|restore|"
        r"restores|restored|restoring|renew|renews|replace|replaces) (?:\w+ ){0,3}?(?:cartilage|tissues?|"
        r"joints?|bones?|damage|function|mobility|health|body|immune system)\b",
        r"\b(?:new|healthy|fresh) cartilage\b",
        r"\b(?:stop|stops|stopped|stopping|halt|halts|halting|arrest|arrests) (?:\w+ ){0,2}?(?:disease|progression|"
        r"arthritis|degeneration|inflammation|damage|condition)\b",
        r"\b(?:heal|heals|healing|healed) (?:\w+ ){0,2}?(?:joints?|body|arthritis|ra|disease|damage|cartilage|"
        r"itself|tissues?|condition)\b",
        r"\b(?:permanent|lasting|long lasting|long term|definitive|complete|total|lifelong) (?:pain )?(?:relief|results?|"
        r"remission|recovery|cure|solution|healing)\b",
        r"\b(?:achieve|achieved|achieves|induce|induces|into|reach|full|complete|lasting|drug free|medication free) remission\b",
        r"\b(?:no more|eliminate|eliminates|eliminating|get rid of|say goodbye to|goodbye to|free yourself (?:from|of)|"
        r"freedom from|live free of|live without) (?:\w+ ){0,2}?(?:pain|arthritis|ra|medications?|medicines?|drugs|"
        r"joint replacements?|surgery|disease|inflammation)\b",
        r"\b(?:no longer need|no longer needs|never need|get off|come off|be off|off all) (?:\w+ ){0,2}?(?:medications?|"
        r"medicines?|drugs|methotrexate|steroids|biologics|surgery)\b",
        r"\b(?:like|feel) (?:\d+|twenty|ten) years younger\b",
    ),
    "treats_many_conditions": (),  # see conditions.py
    "testimonials_as_evidence": (
        r"\btestimonials?\b",
        r"\b(?:patient|success|real|recovery|client|healing) (?:success )?stor(?:y|ies)\b",
        r"\bhear (?:from|what) (?:our |real )?(?:patients|clients)\b",
        r"\bwhat (?:our |real )?(?:patients|clients) (?:say|are saying|think|tell us)\b",
        r"\b(?:watch|see|view) (?:\w+ ){0,3}?videos?\b",
        r"\bvideo (?:reviews?|testimonials?|stories)\b",
        r"\b(?:5|five) stars?\b",
        "[\u2605\u2b50]{3,}",
        r"\brated (?:\d(?:[.,]\d)?|five|5) (?:\w+ ){0,2}?(?:stars?|out of)\b",
        r"\b\d[.,]\d (?:out of 5 )?stars?\b",
        r"\b(?:reviews?|ratings?) (?:on|from) (?:google|facebook|trustpilot|yelp|realself)\b",
        r"\b(?:read|see|check) (?:\w+ ){0,2}?reviews\b",
        r"\b(?:thousands|hundreds) of (?:satisfied|happy|grateful) (?:patients|clients)\b",
        r"\b(?:satisfied|happy|grateful|delighted) (?:patients|clients)\b",
        r"\bbefore and after\b",
        r"\breal (?:patients|people),? real results\b",
        r"\bi (?:can|could) (?:walk|run|move|play|dance|work|garden|climb stairs) again\b",
        r"\bmy (?:pain|life|arthritis|ra) (?:\w+ ){0,3}?(?:gone|changed|disappeared|transformed)\b",
    ),
    "vague_success_claims": (
        rf"\b(?:most|many|majority of|nearly all|almost all|lots of|countless|thousands of|hundreds of|\d+ out of \d+|"
        rf"nine out of ten) (?:of )?(?:our )?{G2}{PEOPLE} (?:\w+ ){{0,2}}?(?:improve\w*|report\w*|see|saw|"
        r"experience\w*|feel|felt|notice\w*|benefit\w*|respond\w*|get better|got better|recover\w*|achiev\w*|regain\w*)\b",
        r"\b\d{1,3}(?:[.,]\d+)? ?(?:%|percent|per cent) (?:\w+ ){0,4}?(?:success|improve\w*|satisf\w*|effective\w*|"
        r"efficacy|response|respond\w*|better|relief|reduction)\b",
        r"\b(?:success|efficacy|effectiveness|satisfaction|improvement|response) (?:rates?|ratio)\b",
        r"\b(?:high|excellent|great|outstanding|remarkable|unmatched|exceptional|impressive|amazing|incredible|"
        r"dramatic|life changing|miraculous|miracle|astonishing|extraordinary|proven|fantastic|unbelievable|"
        r"spectacular|superior) (?:success|results?|outcomes?|improvements?|recover\w*|efficacy)\b",
        r"\b(?:clinically|scientifically|medically) (?:proven|shown|tested|backed|validated)\b",
        r"\bmiracle (?:cures?|treatments?|therap(?:y|ies)|procedures?|cells?|results?)\b",
        r"\b(?:treatments?|therap(?:y|ies)|procedures?|results?|recovery|relief) (?:is |are )?guaranteed\b",
        r"\bproven to (?:work|help|reduce|improve|relieve|be effective)\b",
        r"\b(?:backed|supported) by (?:science|research|studies)\b",
        r"\b(?:significant|dramatic|noticeable|substantial|major|visible|huge) (?:\w+ )?(?:improvements?|reductions?|relief|difference)\b",
        r"\b(?:works|effective|helps) for (?:most|almost everyone|everyone|nearly everyone)\b",
        r"\bguarantee\w* (?:\w+ ){0,2}?(?:results?|improvement|success|relief)\b",
        r"\b(?:results?|improvement|success|relief) (?:are |is )?guaranteed\b",
    ),
    "charges_patient": (
        r"\b(?:price|prices|pricing|priced|cost|costs|costing|fee|fees|deposit|down payment|payment plans?|financing|"
        r"finance options|installments?|instalments?|monthly payments?|cash price|discount|discounted|special offer|"
        r"out of pocket|self pay|patient funded|carecredit|care credit)\b",
        r"\bpay (?:in|with|by|for|only|just|upfront|cash|monthly|the|a|your)\b",
        r"\b(?:treatment |all inclusive |travel |vip )?packages?\b",
        r"\b\d{1,2} ?% (?:off|discount)\b",
        r"\bpackages? (?:starting|from|start|include\w*|price\w*|cost\w*)\b",
        r"\bstarting (?:at|from)\b",
        r"\binsurance (?:does not|doesn't|won't|will not|usually does not) cover\b",
        r"\bnot covered by (?:your )?insurance\b",
        r"\b(?:accept|accepts|we take) (?:all )?(?:major )?credit cards\b",
        r"\bcredit cards? accepted\b",
    ),
    "pressure_or_free_consult_funnel": (
        r"\bfree (?:\w+ ){0,2}?(?:consult\w*|assessments?|evaluations?|screenings?|reviews?|case reviews?|calls?|"
        r"quotes?|appointments?|checks?|candidacy|eligibility|webinars?|seminars?|info sessions?|information sessions?|process)\b",
        r"\b(?:consult\w*|assessments?|evaluations?|screening|case review|quote|process) (?:is |are )?(?:100 ?% |completely |totally )?"
        r"(?:free|at no cost|free of charge|complimentary)\b",
        r"\bfor free\b",
        r"\bcomplimentary (?:\w+ )?(?:consult\w*|assessments?|evaluations?|reviews?|checks?|screenings?|calls?)\b",
        r"\byou (?:qualify|are a (?:good |suitable |great )?candidate|have been (?:accepted|approved|selected)) for\b",
        r"\b(?:schedule|calendar|agenda|spots?|places|slots) (?:is |are )?(?:almost |nearly |already )?(?:full|booked)\b",
        r"\bconfirm (?:by|before) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|the end of)\b",
        r"\b(?:offer|promotion|discount|price) (?:is )?(?:valid|good) (?:until|through|till)\b",
        r"\bno obligation\b",
        r"\bstart (?:your|the) (?:\w+ ){0,2}?(?:process|journey|application|evaluation|assessment)\b",
        r"\b(?:find out|see|check|discover|learn) (?:now |today )?(?:if|whether) you (?:are|qualify|re|could be)\b",
        r"\bare you a (?:good |suitable )?candidate\b",
        r"\bdo you qualify\b",
        r"\b(?:apply|book|call|register|sign up|schedule|act|contact us|reserve|claim|message us|text us) (?:\w+ ){0,2}?(?:now|today|immediately|right away)\b",
        r"\blimited (?:time|spots?|places|availability|slots|offer|number|openings)\b",
        r"\bonly \d+ (?:\w+ )?(?:spots?|places|slots|openings|patients)\b",
        r"\b(?:spots?|places|slots|appointments|openings) (?:are )?(?:filling|limited|running out|going fast)\b",
        r"\b(?:don't|do not|dont) (?:wait|delay|miss)\b",
        r"\b(?:hurry|last chance|today only|this week only|this month only|ends soon|before it'?s too late|"
        r"while (?:spots|supplies|places) last|the sooner the better|time is running out|act fast|act now)\b",
        r"\b(?:offer|promotion|discount|price) (?:ends|valid until|expires)\b",
    ),
    "misrepresents_regulation": (
        r"\b(?:fda|cofepris|anmat|invima|aemps|anvisa|digemid|mhra|tga) (?:approved|registered|cleared|certified|"
        r"compliant|licensed|authori[sz]ed|accredited|inspected|regulated|compliance)\b",
        rf"\b(?:approved|registered|cleared|certified|licensed|authori[sz]ed|accredited|endorsed|recogni[sz]ed|"
        rf"regulated|inspected|sanctioned|permitted|allowed|backed) {G2}by {REGULATORS}\b",
        r"\b(?:iso|gmp|cgmp|gtp|aabb|aatb|jci|joint commission|isct)(?: \d+)? (?:certified|certification|accredited|"
        r"accreditation|compliant)\b",
        r"\b(?:certified|accredited) (?:\w+ ){0,3}?(?:iso|gmp|cgmp|aabb|aatb|joint commission)\b",
        r"\b(?:government|state|federally|ministry) (?:approved|licensed|certified|authori[sz]ed|regulated|sanctioned)\b",
        r"\b(?:is|are|an?|our|this|fully) (?:an? )?(?:fda |government |legally )?(?:approved|legal|licensed|"
        r"authori[sz]ed) (?:stem cell |cell |cellular |regenerative )?(?:treatments?|therap(?:y|ies)|procedures?|protocols?)\b",
        rf"\b(?:legal|permitted|allowed|approved) in {DESTINATIONS}\b",
        r"\b(?:does not|doesn't|do not|don't|no) (?:need|require|requires) (?:\w+ ){0,2}?(?:fda|approval|regulation|"
        r"authori[sz]ation|a prescription)\b",
        r"\b(?:exempt|exemption) (?:\w+ ){0,2}?(?:fda|regulation|regulations|approval)\b",
        r"\b361 hct ?/?ps?\b",
        r"\bminimal(?:ly)? manipulat\w*\b",
        r"\bsame surgical procedure\b",
        rf"\b(?:registered|licensed|certified|accredited|inspected) (?:with|by) {REGULATORS}\b",
        r"\b(?:your|their|his|her|the patient'?s?) own (?:stem )?cells,? (?:\w+ ){0,4}?(?:not|no|isn't|aren't) "
        r"(?:a drug|drugs|regulated|need\w* (?:fda )?approval|requir\w* (?:fda )?approval)\b",
    ),
    "travel_abroad": (
        r"\bmedical (?:tourism|travel|tourists?|vacation)\b",
        rf"\b(?:travel|fly|flying|trip|come|journey|visit us|traveling|travelling) (?:\w+ ){{0,2}}?(?:to|in) "
        rf"(?:beautiful |sunny )?{DESTINATIONS}\b",
        r"\b(?:travel|tourism|all inclusive|vacation|holiday|concierge|vip) packages?\b",
        r"\ball inclusive\b",
        r"\b(?:airport|hotel) (?:pick ?up|pickup|transfers?|transportation|shuttle|stay|accommodations?|included)\b",
        r"\b(?:accommodations?|lodging|hotel stays?|hotel nights|airfare|flights|plane tickets?|visa) (?:\w+ ){0,2}?"
        r"(?:included|arranged|provided|covered|assistance|support)\b",
        r"\b(?:treatment|care|therapy|travel|go|going|patients from|clinic|clinics) (?:\w+ ){0,1}?(?:abroad|overseas|offshore)\b",
        r"\binternational patients?\b",
        r"\b(?:a )?(?:short|quick|easy) (?:\w+ )?(?:flight|trip|drive|ride) (?:from|away)\b",
        rf"\b(?:receive|get|have) (?:\w+ ){{0,3}}?in {DESTINATIONS}\b",
        r"\b(?:cross|crossing) the border\b",
        r"\bpassports?\b",
        r"\bpatients? (?:\w+ ){0,2}?from (?:the us|the usa|the united states|the uk|canada|around the world|all over the world|"
        r"\d+ countries|over \d+ countries|more than \d+ countries)\b",
        r"\b(?:\d+|short|few|two|three|one) (?:\w+ )?(?:hours?|minutes?) (?:flight|drive) from\b",
    ),
}

NEEDS_NO_ID: dict[str, tuple[str, ...]] = {
    "misrepresents_regulation": (
        r"\birb (?:approved|registered|approval)\b",
        r"\bapproved by (?:an? |our |the )?(?:\w+ ){0,5}?(?:irb|ethics committee|ethics board|institutional review board)\b",
        r"\bregistered (?:with|on|at|in) (?:clinicaltrials|the (?:\w+ )?registry|a registry)\b",
        r"\b(?:our|this) (?:clinical )?(?:trial|study|protocol|program|programme) (?:is )?(?:fully )?(?:registered|approved)\b",
    ),
}

NEGATORS = r"\b(?:not|never|no|cannot|can't|cant|doesn't|don't|isn't|aren't|won't|nor|neither|none|without)\b"

# A sentence that asks, doubts or warns states no fact: claim flags there are not raised.
HEDGES = (
    r"\b(?:whether|unknown|not known|unproven|not proven|no (?:good |solid |strong )?evidence|not (?:yet )?been "
    r"(?:shown|proven|demonstrated|established)|investigate\w*|hypothes\w*|aims? to|to evaluate|to assess|"
    r"to determine|to test (?:if|whether)|to find out|claims? (?:that|to)|beware|be wary|red flags?|warning signs?|"
    r"be careful|be cautious|no (?:\w+ )?(?:products?|treatments?|therap(?:y|ies)) (?:is|are|has been|have been) approved)\b"
)

# A price that the person does not pay: reimbursement, compensation, or nothing to pay.
NOT_CHARGED = (
    r"\b(?:free of charge|at no (?:cost|charge)|no cost|no charge|not be charged|will not (?:be )?(?:charged|pay)|"
    r"won't (?:be charged|pay)|reimburs\w*|covered by the (?:study|sponsor|trial)|paid by the (?:study|sponsor)|"
    r"compensat\w*|stipend|sponsor (?:pays|covers|will pay))\b"
)
AMOUNT_NOT_CHARGED = r"\b(?:reimburs\w*|compensat\w*|stipend|paid to you|you will receive|you will be paid)\b"

# Study words quoted as the evidence of "no_registry_id" when no id is given.
STUDY_WORDS = r"\b(?:clinical (?:trials?|stud(?:y|ies)|research)|research (?:study|protocol|program)|our (?:study|trial|protocol)|protocols?|stem cell (?:therapy|treatment)s?)\b"
