-- Demo data for the consultation "krachtig-oud-worden" (Positieve gezondheid in het huishouden).
--
-- Runs once, as the database owner, on an empty database: after the migrations and after
-- content/ has been synchronised into public.consultations, public.topics and public.questions.
-- Works on PGlite and PostgreSQL 15.
--
-- * Consultation, topic and question ids are looked up by slug and key, never hard-coded.
-- * Demo staff are referred to by e-mail only; when an account does not exist the reference
--   is null (created_by, moderated_by, assigned_by) or the row is skipped (stop_facilitators).
-- * Stops, submissions, input items and themes have fixed ids (d0000000-…) so rows can refer to
--   each other: stops …01xx, submissions …02xx, online answers …03xx, roadtour notes …04xx,
--   themes …05xx.
-- * Times are relative to now(), so the data always looks fresh.
-- * Everything here is invented. Approved texts contain no personal data; a few items with
--   status 'new' deliberately do (a phone number, an e-mail address, a name, a street address)
--   so the personal-data detector has something to find. Their pii_spans stay '[]': the app
--   runs the detector after seeding.
-- * The check at the end fails the whole script when a lookup silently found nothing
--   (for example after a question key was renamed in content/).

-- ───────────────────────── roadtour stops ─────────────────────────

insert into public.roadtour_stops (
  id, consultation_id, name, location, starts_at, ends_at, group_type,
  expected_participants, actual_participants, status, summary_md, completed_at, created_by, created_at
)
select
  v.id::uuid, c.id, v.name, v.location, v.starts_at, v.starts_at + v.duration::interval,
  v.group_type::public.stop_group, v.expected, v.actual, v.status::public.stop_status, v.summary_md,
  case when v.status = 'completed' then v.starts_at + v.duration::interval + interval '45 minutes' end,
  (select s.user_id from public.staff_members s where s.email = 'facilitator@doemee.test'),
  least(v.starts_at - interval '10 days', now() - interval '20 days')
from public.consultations c
cross join (values
  ('d0000000-0000-4000-8000-000000000101',
   'Beweegochtend in Meerzicht',
   'Wijkcentrum De Wilgenhof, Meerzicht',
   date_trunc('day', now()) - interval '12 days' + interval '10 hours',
   '2 hours', 'inzet', 20, 17, 'completed',
   E'Film vertoond na de beweegles van inZet, daarna een gesprek van ruim een uur met **17 deelnemers** (vooral 70 tot 90 jaar) en één mantelzorger.\n\n' ||
   E'**Wat opviel**\n\n' ||
   E'- Bewegen wordt gezien als de sleutel om het huishouden langer zelf te doen. Meerdere deelnemers merken verschil sinds ze meedoen.\n' ||
   E'- Veel zorgen over wisselende hulpen en over de kosten als de eigen bijdrage stijgt.\n' ||
   E'- Het praatje en de koffie met de hulp zijn voor een aantal mensen het belangrijkste moment van de week.\n' ||
   E'- Concrete ideeën: hulpmiddelen eerst uitproberen, een robotstofzuiger in bruikleen, een maatjesproject in de wijk.\n\n' ||
   E'**Afspraken**: de groep wil graag horen wat er met de reacties gebeurt. Terugkoppeling via de beweegdocent.'),
  ('d0000000-0000-4000-8000-000000000102',
   'Ledenmiddag ouderenvereniging Rokkeveen',
   'Buurthuis De Stadsboerderij, Rokkeveen',
   date_trunc('day', now()) - interval '5 days' + interval '14 hours',
   '2 hours 30 minutes', 'ouderenbond', 40, 34, 'completed',
   E'Ledenmiddag met **34 aanwezigen**, geopend door de voorzitter. Na de film een levendig gesprek in de zaal, daarna aan tafels in kleine groepjes.\n\n' ||
   E'**Wat opviel**\n\n' ||
   E'- Wantrouwen: is "zelf doen" geen bezuiniging in een ander jasje? Mensen die nu hulp hebben willen zekerheid.\n' ||
   E'- Het abonnementstarief verdeelt de zaal: de een vindt het oneerlijk, de ander wil het houden.\n' ||
   E'- Niet iedereen heeft familie in de buurt; de vrijwilligersgroep van de vereniging vergrijst.\n' ||
   E'- Het bestuur wil een hulpmiddelenmarkt organiseren op een volgende ledenmiddag.\n\n' ||
   E'Een deel van de aantekeningen wacht nog op moderatie.'),
  ('d0000000-0000-4000-8000-000000000103',
   'Werksessie aanbieders huishoudelijke ondersteuning',
   'Stadhuis Zoetermeer, zaal Dobbeplas',
   date_trunc('day', now()) + interval '1 day' + interval '9 hours 30 minutes',
   '3 hours', 'aanbieders', 14, null, 'planned', ''),
  ('d0000000-0000-4000-8000-000000000104',
   'Koffie-inloop Palenstein',
   'Wijkhuis Het Baken, Palenstein',
   date_trunc('day', now()) + interval '8 days' + interval '10 hours',
   '2 hours', 'inwoners', 25, null, 'planned', ''),
  ('d0000000-0000-4000-8000-000000000105',
   'Netwerkbijeenkomst positieve gezondheid',
   'Gezondheidscentrum Oosterheem, ontmoetingsruimte',
   date_trunc('day', now()) + interval '15 days' + interval '15 hours',
   '2 hours', 'gezondheidsnetwerk', 30, null, 'planned', '')
) as v(id, name, location, starts_at, duration, group_type, expected, actual, status, summary_md)
where c.slug = 'krachtig-oud-worden';

-- The demo facilitator leads every stop (only when that account exists).
insert into public.stop_facilitators (stop_id, user_id)
select st.id, s.user_id
from public.roadtour_stops st
join public.staff_members s on s.email = 'facilitator@doemee.test'
where st.id::text like 'd0000000-0000-4000-8000-0000000001%'
on conflict do nothing;

-- ───────────────────────── online submissions ─────────────────────────

insert into public.submissions (
  id, consultation_id, audience, channel, organisation_name, age_band, wijk, receives_help,
  consent_at, reference_code, created_at
)
select
  v.id::uuid, c.id, v.audience::public.audience, 'online', v.organisation_name, v.age_band, v.wijk,
  v.receives_help, now() - v.ago::interval, v.reference_code, now() - v.ago::interval
from public.consultations c
cross join (values
  ('d0000000-0000-4000-8000-000000000201', 'inwoner', null, '75-84', 'Seghwaert', 'ja', 'AKR9-STBV', '19 days 3 hours'),
  ('d0000000-0000-4000-8000-000000000202', 'inwoner', null, '85-plus', 'Palenstein', 'ja', '3VRR-23QJ', '18 days 6 hours'),
  ('d0000000-0000-4000-8000-000000000203', 'inwoner', null, '65-74', 'Rokkeveen', 'nee', '9T5S-7EPU', '17 days 2 hours'),
  ('d0000000-0000-4000-8000-000000000204', 'mantelzorger', null, '55-64', 'Buytenwegh', 'nee', 'NNBU-KB9F', '16 days 9 hours'),
  ('d0000000-0000-4000-8000-000000000205', 'inwoner', null, '75-84', 'Noordhove', 'ja', 'P9K6-62RP', '15 days 5 hours'),
  ('d0000000-0000-4000-8000-000000000206', 'inwoner', null, '55-64', 'Oosterheem', 'nee', 'ALBB-EPKG', '15 days 1 hour'),
  ('d0000000-0000-4000-8000-000000000207', 'inwoner', null, '85-plus', 'Dorp', 'ja', 'XGCA-CV5Q', '14 days 4 hours'),
  ('d0000000-0000-4000-8000-000000000208', 'inwoner', null, 'tot-55', 'Centrum', 'weet-niet', 'CNNU-QL3U', '13 days 7 hours'),
  ('d0000000-0000-4000-8000-000000000209', 'mantelzorger', null, '65-74', 'Lansinghage', 'nee', 'ZGPL-3RVV', '13 days 2 hours'),
  ('d0000000-0000-4000-8000-000000000210', 'inwoner', null, '75-84', 'Meerzicht', 'ja', 'BTKC-S2AV', '12 days 8 hours'),
  ('d0000000-0000-4000-8000-000000000211', 'inwoner', null, '65-74', 'Driemanspolder', 'nee', 'A9JV-AE3J', '11 days 5 hours'),
  ('d0000000-0000-4000-8000-000000000212', 'ouderenbond', 'Seniorenvereniging Zoetermeer-Oost', null, null, null, 'UPJT-R2NT', '11 days 1 hour'),
  ('d0000000-0000-4000-8000-000000000213', 'aanbieder', 'Schoon Thuis Zorg B.V.', null, null, null, 'GJM3-Z2XE', '10 days 6 hours'),
  ('d0000000-0000-4000-8000-000000000214', 'aanbieder', 'Zorggroep Meerwaarde Thuisdiensten', null, null, null, 'CYK4-38L8', '9 days 7 hours'),
  ('d0000000-0000-4000-8000-000000000215', 'partner', 'Stichting Buurtkracht Zoetermeer', null, null, null, 'Z4V8-J79T', '9 days 3 hours'),
  ('d0000000-0000-4000-8000-000000000216', 'inwoner', null, '65-74', 'De Leyens', 'nee', 'VKLV-ZBQT', '8 days 4 hours'),
  ('d0000000-0000-4000-8000-000000000217', 'inwoner', null, '75-84', 'Buytenwegh', 'ja', '458T-GDGQ', '8 days 2 hours'),
  ('d0000000-0000-4000-8000-000000000218', 'inwoner', null, null, null, null, 'GE4T-BMB6', '7 days 9 hours'),
  ('d0000000-0000-4000-8000-000000000219', 'mantelzorger', null, 'tot-55', 'Oosterheem', 'nee', '7VRU-UGN9', '7 days 1 hour'),
  ('d0000000-0000-4000-8000-000000000220', 'aanbieder', 'Huishoudelijke Diensten Groene Hart', null, null, null, '4UAK-C2CM', '6 days 5 hours'),
  ('d0000000-0000-4000-8000-000000000221', 'inwoner', null, '85-plus', 'Rokkeveen', 'ja', '8BAE-KAG8', '5 days 8 hours'),
  ('d0000000-0000-4000-8000-000000000222', 'partner', 'Gezondheidscentrum Lansinghage, team ouderenzorg', null, null, null, 'JTWR-RMCS', '5 days 2 hours'),
  ('d0000000-0000-4000-8000-000000000223', 'inwoner', null, '65-74', 'Palenstein', 'ja', 'Q2KA-QEN2', '4 days 6 hours'),
  ('d0000000-0000-4000-8000-000000000224', 'adviesraad', 'Adviesraad Sociaal Domein, werkgroep Wonen en Zorg', null, null, null, '356T-8LWH', '4 days 1 hour'),
  ('d0000000-0000-4000-8000-000000000225', 'inwoner', null, '75-84', 'Lansinghage', 'weet-niet', 'HG4R-2R73', '3 days 7 hours'),
  ('d0000000-0000-4000-8000-000000000226', 'ouderenbond', 'Cliëntenplatform Wmo Zoetermeer', null, null, null, 'HLPA-WB98', '3 days 2 hours'),
  ('d0000000-0000-4000-8000-000000000227', 'inwoner', null, 'tot-55', 'Centrum', 'ja', 'K4GM-FTR3', '2 days 5 hours'),
  -- Sent twice by the same visitor (see 216): the second copy is rejected as a duplicate.
  ('d0000000-0000-4000-8000-000000000228', 'inwoner', null, '65-74', 'De Leyens', 'nee', 'MXEA-JN5K', '8 days 3 hours 50 minutes'),
  ('d0000000-0000-4000-8000-000000000229', 'inwoner', null, '55-64', 'Meerzicht', 'weet-niet', 'M27R-8J7Z', '1 day 4 hours'),
  ('d0000000-0000-4000-8000-000000000230', 'partner', 'Stichting Vrijwillige Thuishulp Zoetermeer', null, null, null, 'DQ8E-LB32', '1 day 1 hour'),
  ('d0000000-0000-4000-8000-000000000231', 'mantelzorger', null, '55-64', 'Dorp', 'ja', 'YE2E-Y5EY', '6 hours')
) as v(id, audience, organisation_name, age_band, wijk, receives_help, reference_code, ago)
where c.slug = 'krachtig-oud-worden';

-- ───────────────────────── online answers ─────────────────────────
-- The question is found by the submission's audience and the question key. A key that does not
-- exist leaves question_id null, which the table's checks refuse: the script stops right here.

insert into public.input_items (
  id, consultation_id, channel, audience, submission_id, question_id, kind, body,
  status, reject_reason, moderated_by, moderated_at, client_created_at, created_at
)
select
  v.id::uuid, s.consultation_id, 'online', s.audience, s.id, q.id, 'answer', v.body,
  v.status::public.moderation_status, v.reject_reason::public.reject_reason,
  case when v.status <> 'new' then (select m.user_id from public.staff_members m where m.email = 'moderator@doemee.test') end,
  case when v.status <> 'new' then least(s.created_at + interval '18 hours', now() - interval '30 minutes') end,
  s.created_at - interval '20 seconds',
  s.created_at
from (values
  -- 201 inwoner, Seghwaert
  ('d0000000-0000-4000-8000-000000000301', 'd0000000-0000-4000-8000-000000000201', 'krachtig-oud-worden', 'approved', null,
   'Voor mij is belangrijk dat ik zelf kan blijven bepalen wanneer ik wat doe. Ik ben 81 en doe nog veel zelf, maar stofzuigen en de badkamer lukken niet meer door mijn rug. Als er hulp komt wil ik graag dat het steeds dezelfde persoon is. Nu komt er vaak iemand anders en dan moet ik alles weer uitleggen.'),
  ('d0000000-0000-4000-8000-000000000302', 'd0000000-0000-4000-8000-000000000201', 'schoon-huis', 'approved', null,
   'Met een lichte steelstofzuiger lukt het eigenlijk nog best, als ik het in stukjes doe. De ene dag de kamer, de andere dag de slaapkamer. Misschien kan de hulp me laten zien hoe het makkelijker kan, in plaats van het over te nemen.'),
  -- 202 inwoner, Palenstein
  ('d0000000-0000-4000-8000-000000000303', 'd0000000-0000-4000-8000-000000000202', 'krachtig-oud-worden', 'approved', null,
   'dat ik niet alleen ben. de hulp is eigenlijk de enige die ik door de week zie, mijn zoon komt op zondag. we drinken samen een kopje koffie en dan praten we even. dat is voor mij net zo belangrijk als een schone vloer'),
  ('d0000000-0000-4000-8000-000000000304', 'd0000000-0000-4000-8000-000000000202', 'schoon-huis', 'approved', null,
   'Ik kan het echt niet meer zelf. Ik loop met een rollator en kan niet bukken. Het moet wel schoon blijven, want van stof krijg ik het benauwd.'),
  -- 203 inwoner, Rokkeveen
  ('d0000000-0000-4000-8000-000000000305', 'd0000000-0000-4000-8000-000000000203', 'krachtig-oud-worden', 'approved', null,
   'Blijven bewegen! Ik fiets elke dag en ga twee keer per week naar de gym in het wijkcentrum. Zolang ik dat kan red ik het wel. Wat zou helpen: meer beweeglessen voor ouderen overdag, en niet te duur.'),
  ('d0000000-0000-4000-8000-000000000306', 'd0000000-0000-4000-8000-000000000203', 'schoon-huis', 'approved', null,
   'Als het zover is betaal ik liever zelf een schoonmaker. Ik vind dat de hulp van de gemeente bedoeld is voor mensen die het niet kunnen betalen. Nu betaalt iedereen hetzelfde bedrag, dat vind ik niet eerlijk.'),
  ('d0000000-0000-4000-8000-000000000307', 'd0000000-0000-4000-8000-000000000203', 'informatie', 'approved', null,
   'Via de wijkkrant en het buurthuis. Niet alleen via internet, mijn buren van in de tachtig hebben geen computer.'),
  -- 204 mantelzorger, Buytenwegh
  ('d0000000-0000-4000-8000-000000000308', 'd0000000-0000-4000-8000-000000000204', 'krachtig-oud-worden', 'approved', null,
   'Ik zorg voor mijn moeder van 88. Wat voor haar belangrijk is: in haar eigen huis blijven, met haar eigen spullen en haar vaste ritme. Ze wil niet afhankelijk zijn. Help haar met de dingen die ze nog wél kan, dan blijft ze trots.'),
  ('d0000000-0000-4000-8000-000000000309', 'd0000000-0000-4000-8000-000000000204', 'huishouden-naaste', 'approved', null,
   'Ik doe de was, de boodschappen en op zaterdag de badkamer. Ik werk zelf ook nog vier dagen. Het wordt me soms te veel. Als de hulp de zware dingen blijft doen, kan ik de rest wel aan.'),
  ('d0000000-0000-4000-8000-000000000310', 'd0000000-0000-4000-8000-000000000204', 'steun-mantelzorger', 'approved', null,
   'Een keer per maand even niks hoeven. En iemand die meedenkt als het minder gaat, zonder dat ik eerst tien formulieren moet invullen.'),
  -- 205 inwoner, Noordhove
  ('d0000000-0000-4000-8000-000000000311', 'd0000000-0000-4000-8000-000000000205', 'krachtig-oud-worden', 'approved', null,
   'Ik krijg nu 2,5 uur per week hulp en de hulp is een schat. Maar wat ik echt wil zeggen: de eigen bijdrage kan ik nu betalen, maar als die omhoog gaat weet ik het niet. Ik heb alleen AOW en een klein pensioentje.'),
  ('d0000000-0000-4000-8000-000000000312', 'd0000000-0000-4000-8000-000000000205', 'zelf-blijven-doen', 'approved', null,
   'Een robotstofzuiger misschien? Mijn kleindochter heeft er een. Maar ik weet niet of ik dat ding snap. Als iemand hem komt uitleggen en instellen, wil ik het best proberen.'),
  -- 206 inwoner, Oosterheem
  ('d0000000-0000-4000-8000-000000000313', 'd0000000-0000-4000-8000-000000000206', 'krachtig-oud-worden', 'approved', null,
   'Gezond eten, goed slapen en mensen om je heen. En op tijd nadenken over je huis. Wij wonen in een huis met drie trappen, dat gaat over tien jaar niet meer. Zorg dat er genoeg gelijkvloerse woningen komen, dan hebben mensen ook minder hulp nodig.'),
  ('d0000000-0000-4000-8000-000000000314', 'd0000000-0000-4000-8000-000000000206', 'schoon-huis', 'approved', null,
   'Eerst zelf, dan mijn kinderen, en pas als het echt niet anders kan de gemeente. Zo hoort het toch ook?'),
  -- 207 inwoner, Dorp (contains a phone number: waits for the detector)
  ('d0000000-0000-4000-8000-000000000315', 'd0000000-0000-4000-8000-000000000207', 'krachtig-oud-worden', 'new', null,
   'Ik wil graag zelf vertellen hoe het bij mij gaat, want dat past niet in zo''n vakje. Ik ben 87 en zie bijna niks meer. Bel me gerust, mijn nummer is 06-12345678, na tienen ben ik thuis.'),
  ('d0000000-0000-4000-8000-000000000316', 'd0000000-0000-4000-8000-000000000207', 'schoon-huis', 'approved', null,
   'Met mijn ogen zie ik het vuil niet meer. Dus ik denk dat het schoon is en dan is het dat niet. Daar heb ik echt iemand anders voor nodig, dat kan ik niet leren.'),
  -- 208 inwoner, Centrum (off topic)
  ('d0000000-0000-4000-8000-000000000317', 'd0000000-0000-4000-8000-000000000208', 'krachtig-oud-worden', 'rejected', 'off_topic',
   'Doe eerst eens wat aan het parkeren in het Stadshart. Ik betaal me blauw en er is nooit plek. Daar zouden jullie eens een filmpje over moeten maken.'),
  -- 209 mantelzorger, Lansinghage
  ('d0000000-0000-4000-8000-000000000318', 'd0000000-0000-4000-8000-000000000209', 'krachtig-oud-worden', 'approved', null,
   'Mijn man heeft parkinson. Krachtig oud worden betekent voor ons: samen nog dingen doen zolang het kan. Wandelen in het park, de kleinkinderen. Daarvoor moet ik wel tijd en energie overhouden, dus de hulp in huis is voor ons geen luxe.'),
  ('d0000000-0000-4000-8000-000000000319', 'd0000000-0000-4000-8000-000000000209', 'zelf-blijven-doen', 'approved', null,
   'Hij wil graag helpen met afdrogen en de tafel dekken. Dat gaat langzaam, maar het is goed voor hem. Een hulp die daar geduld voor heeft zou fijn zijn. Niet iemand die in een uur alles afraffelt.'),
  -- 210 inwoner, Meerzicht (names a neighbour: waits for the detector)
  ('d0000000-0000-4000-8000-000000000320', 'd0000000-0000-4000-8000-000000000210', 'krachtig-oud-worden', 'approved', null,
   'Wat ik belangrijk vind is dat je gewoon mens mag zijn. Niet alles hoeft efficiënt. Ik voel me soms een nummer bij de gemeente. Bij het keukentafelgesprek werd alleen gevraagd wat ik niet meer kan. Vraag ook eens wat ik graag doe.'),
  ('d0000000-0000-4000-8000-000000000321', 'd0000000-0000-4000-8000-000000000210', 'hulp-van-anderen', 'new', null,
   'Mijn buurvrouw Ria Verhoeven doet elke week boodschappen voor me en mijn zoon komt om de week de ramen doen. Meer kan ik niet vragen, ze hebben het zelf ook druk.'),
  ('d0000000-0000-4000-8000-000000000322', 'd0000000-0000-4000-8000-000000000210', 'informatie', 'approved', null,
   'Een folder bij de huisarts en de apotheek. En een telefoonnummer waar je een echt mens aan de lijn krijgt.'),
  -- 211 inwoner, Driemanspolder
  ('d0000000-0000-4000-8000-000000000323', 'd0000000-0000-4000-8000-000000000211', 'krachtig-oud-worden', 'approved', null,
   'Ik heb de film gezien en eerlijk gezegd schrok ik ervan. Je betaalt je hele leven belasting en straks krijg je misschien geen hulp. Ik snap dat er te weinig mensen zijn, maar dan moet de gemeente zorgen dat het werk beter betaalt.'),
  ('d0000000-0000-4000-8000-000000000324', 'd0000000-0000-4000-8000-000000000211', 'zelf-blijven-doen', 'approved', null,
   'Van die grijpers en een dweil met een lange steel. Mijn moeder had dat vroeger ook. Verkoop die dingen in het buurthuis of leen ze uit, want veel ouderen weten niet dat het bestaat.'),
  -- 212 ouderenbond
  ('d0000000-0000-4000-8000-000000000325', 'd0000000-0000-4000-8000-000000000212', 'wat-leden-nodig-hebben', 'approved', null,
   'Namens het bestuur van onze vereniging (circa 450 leden) het volgende. Onze leden noemen drie dingen: contact met anderen, een betaalbare en betrouwbare hulp in huis, en duidelijke informatie. Veel leden zijn bang dat "zelf blijven doen" in de praktijk betekent dat zij minder hulp krijgen, terwijl ze die wel nodig hebben. Wij vragen de gemeente om eerlijk te zijn over wat er verandert en voor wie.'),
  ('d0000000-0000-4000-8000-000000000326', 'd0000000-0000-4000-8000-000000000212', 'zorgen-van-leden', 'approved', null,
   'De zorgen die wij het vaakst horen: wisselende hulpen en steeds nieuwe gezichten; het abonnementstarief dat misschien verdwijnt, waardoor de eigen bijdrage stijgt; en leden die zich schamen om hulp te vragen aan hun kinderen. Een aantal leden heeft geen kinderen of familie in de buurt.'),
  ('d0000000-0000-4000-8000-000000000327', 'd0000000-0000-4000-8000-000000000212', 'informeren-achterban', 'approved', null,
   'Kom naar onze ledenmiddagen. Een film is prima, maar laat daarna iemand van de gemeente de vragen beantwoorden. En stuur een brief op papier, niet alleen een e-mail.'),
  -- 213 aanbieder
  ('d0000000-0000-4000-8000-000000000328', 'd0000000-0000-4000-8000-000000000213', 'uitvoerbaar-houden', 'approved', null,
   'Wij hebben op dit moment elf vacatures voor huishoudelijk medewerkers en een wachtlijst voor nieuwe cliënten. Het werk is zwaar en de reistijd tussen cliënten wordt niet vergoed. Als de gemeente wil dat wij meer coachend werken, moeten de tarieven daarop zijn ingericht. Coachen kost in het begin meer tijd, niet minder.'),
  ('d0000000-0000-4000-8000-000000000329', 'd0000000-0000-4000-8000-000000000213', 'zelfstandigheid-stimuleren', 'approved', null,
   'Onze medewerkers zijn opgeleid om schoon te maken, niet om te coachen. Wij zijn gestart met een korte training "samen doen" voor een groep vaste medewerkers. De ervaring is dat cliënten het eerst spannend vinden, maar na een paar weken trots zijn op wat ze weer zelf kunnen.'),
  ('d0000000-0000-4000-8000-000000000330', 'd0000000-0000-4000-8000-000000000213', 'voorwaarden-innovatie', 'approved', null,
   'Een contract van minimaal vier jaar, zodat investeringen in training en hulpmiddelen terugverdiend kunnen worden. Minder registratie per kwartier. En ruimte om per cliënt af te spreken wat nodig is, binnen een vast budget.'),
  -- 214 aanbieder
  ('d0000000-0000-4000-8000-000000000331', 'd0000000-0000-4000-8000-000000000214', 'uitvoerbaar-houden', 'approved', null,
   'Vaste teams per wijk. Als een medewerker alleen in Seghwaert en Palenstein werkt, scheelt dat reistijd en kent zij haar cliënten. Nu rijden collega''s kriskras door de stad. Verder: zorg dat herindicaties niet allemaal tegelijk komen, dat geeft pieken in de planning.'),
  ('d0000000-0000-4000-8000-000000000332', 'd0000000-0000-4000-8000-000000000214', 'eigen-ideeen', 'approved', null,
   'Wij willen een "startpakket zelf doen" proberen: bij de start van de hulp komt een ergotherapeut op huisbezoek en kijkt welke hulpmiddelen passen. Denk aan een robotstofzuiger, een lichte steelstofzuiger of een wisser met lange steel. De hulp leert de cliënt daarna om ermee te werken.'),
  -- 215 partner
  ('d0000000-0000-4000-8000-000000000333', 'd0000000-0000-4000-8000-000000000215', 'bijdrage-in-de-wijk', 'approved', null,
   'Wij hebben in vier wijken een ontmoetingsplek met koffie-inloop en beweegactiviteiten. Daar komen veel mensen die ook huishoudelijke hulp hebben. Als de hulp minder vaak komt, kunnen wij een deel van het sociale contact opvangen. Maar mensen moeten wel bij ons kunnen komen; vervoer is vaak het probleem.'),
  ('d0000000-0000-4000-8000-000000000334', 'd0000000-0000-4000-8000-000000000215', 'samenwerken', 'approved', null,
   'Korte lijnen tussen de huishoudelijke hulp en onze ouderenadviseurs. De hulp ziet als eerste dat iemand vereenzaamt of de post laat liggen. Nu weten hulpen vaak niet bij wie ze zo''n signaal kwijt kunnen.'),
  -- 216 inwoner, De Leyens
  ('d0000000-0000-4000-8000-000000000335', 'd0000000-0000-4000-8000-000000000216', 'krachtig-oud-worden', 'approved', null,
   'Ik wil niet zielig gevonden worden. Ik wil meedoen. Vrijwilligerswerk, de kleinkinderen van school halen, klaverjassen. Als ik ooit hulp nodig heb, help me dan weer op de been in plaats van alles van me over te nemen.'),
  ('d0000000-0000-4000-8000-000000000336', 'd0000000-0000-4000-8000-000000000216', 'hulp-van-anderen', 'approved', null,
   'Wij hebben in onze straat een groepsapp. Als iemand iets nodig heeft, zet je het erin. Dat werkt verrassend goed, ook voor de ouderen zonder app, want de buren vertellen het door.'),
  -- 217 inwoner, Buytenwegh
  ('d0000000-0000-4000-8000-000000000337', 'd0000000-0000-4000-8000-000000000217', 'krachtig-oud-worden', 'approved', null,
   'ik heb al 6 jaar de zelfde hulp en ik wil geen andere. ze weet waar alles staat en ze ziet het als het niet goed met me gaat. vorig jaar heeft ze de dokter gebelt toen ik gevallen was. dat doet een robot niet hoor'),
  ('d0000000-0000-4000-8000-000000000338', 'd0000000-0000-4000-8000-000000000217', 'schoon-huis', 'approved', null,
   'zolang ik de hulp heb gaat het goed. de ramen doet de glazenwasser. het bed verschonen en de douche lukt me niet meer'),
  -- 218 spam
  ('d0000000-0000-4000-8000-000000000339', 'd0000000-0000-4000-8000-000000000218', 'krachtig-oud-worden', 'rejected', 'spam',
   'Goedkope schoonmaakhulp nodig?? Wij regelen het voor u, zonder wachtlijst en zonder gedoe met de gemeente! Kijk op www.schoon-en-snel-thuisservice.example voor een GRATIS offerte!!!'),
  -- 219 mantelzorger, Oosterheem (contains an e-mail address: waits for the detector)
  ('d0000000-0000-4000-8000-000000000340', 'd0000000-0000-4000-8000-000000000219', 'krachtig-oud-worden', 'approved', null,
   'Ik ben mantelzorger voor mijn vader en woon zelf anderhalf uur rijden verderop. Voor hem is belangrijk dat hij zijn dag zelf kan blijven indelen. Wat zou helpen: één vast aanspreekpunt dat mij belt als er iets verandert, in plaats van dat ik alles zelf moet uitzoeken.'),
  ('d0000000-0000-4000-8000-000000000341', 'd0000000-0000-4000-8000-000000000219', 'zelf-blijven-doen', 'approved', null,
   'Hij heeft vroeger nooit gekookt of schoongemaakt, dat deed mijn moeder. Sinds zij overleden is kan hij het eigenlijk wel, maar hij weet niet hoe. Iemand die het hem een paar weken voordoet zou enorm helpen.'),
  ('d0000000-0000-4000-8000-000000000342', 'd0000000-0000-4000-8000-000000000219', 'steun-mantelzorger', 'new', null,
   'Ik zou graag op de hoogte blijven van wat er met de reacties gebeurt. Mail mij gerust op m.jansen.zorg@voorbeeld.nl, ik woon ver weg en mis anders veel.'),
  -- 220 aanbieder (formal letter)
  ('d0000000-0000-4000-8000-000000000343', 'd0000000-0000-4000-8000-000000000220', 'uitvoerbaar-houden', 'approved', null,
   E'Geachte heer, mevrouw,\n\nGraag reageren wij op uw vraag. De arbeidsmarkt voor huishoudelijk medewerkers is krap, vooral in de ochtenduren, wanneer de vraag het grootst is. Wij pleiten voor:\n- een reële kostprijs, inclusief reistijd en scholing;\n- ruimte om vakkrachten in te zetten naast hulpen met coachende taken;\n- afstemming tussen aanbieders, zodat cliënten bij personeelstekort niet tussen wal en schip vallen.\n\nMet vriendelijke groet,\nhet managementteam'),
  ('d0000000-0000-4000-8000-000000000344', 'd0000000-0000-4000-8000-000000000220', 'voorwaarden-innovatie', 'approved', null,
   'Vernieuwing lukt alleen als de gemeente meebetaalt aan de eerste investering. Een robotstofzuiger kost geld, de uitleg en de nazorg ook. Nu valt dat buiten elk tarief. Wij stellen een pilotbudget voor, met een eerlijke evaluatie na een jaar.'),
  -- 221 inwoner, Rokkeveen
  ('d0000000-0000-4000-8000-000000000345', 'd0000000-0000-4000-8000-000000000221', 'krachtig-oud-worden', 'approved', null,
   'Gewoon dat ik in mijn eigen huis kan blijven tot het einde. Mijn man is drie jaar geleden overleden. Sindsdien is het stil in huis. De hulp komt op dinsdag en dat is mijn beste dag van de week.'),
  ('d0000000-0000-4000-8000-000000000346', 'd0000000-0000-4000-8000-000000000221', 'zelf-blijven-doen', 'approved', null,
   'Een gymclubje voor oudjes in de buurt, overdag, waar je niet heen hoeft te fietsen. Ik heb de oefeningen van de fysio wel gekregen, maar alleen doe je het toch niet.'),
  -- 222 partner
  ('d0000000-0000-4000-8000-000000000347', 'd0000000-0000-4000-8000-000000000222', 'bijdrage-in-de-wijk', 'approved', null,
   'Onze praktijkondersteuners ouderenzorg komen bij kwetsbare ouderen thuis. Wij kunnen eerder zien wanneer iemand hulp in het huishouden nodig gaat hebben, en verwijzen naar beweegprogramma''s of valpreventie. Wel vragen wij om één loket bij de gemeente waar we snel terechtkunnen.'),
  ('d0000000-0000-4000-8000-000000000348', 'd0000000-0000-4000-8000-000000000222', 'signalen', 'approved', null,
   'Wij zien vaak dezelfde combinatie: iemand valt, komt daarna weinig meer buiten, eet slecht en het huis raakt vervuild. Dan is het huishouden niet het echte probleem, maar wel het eerste dat zichtbaar wordt.'),
  -- 223 inwoner, Palenstein
  ('d0000000-0000-4000-8000-000000000349', 'd0000000-0000-4000-8000-000000000223', 'krachtig-oud-worden', 'approved', null,
   'Eerlijk? Geld. Met de huur, de zorgverzekering en de energie blijft er niks over. Als de eigen bijdrage omhoog gaat zeg ik de hulp op, en dan wordt het hier een zooi.'),
  ('d0000000-0000-4000-8000-000000000350', 'd0000000-0000-4000-8000-000000000223', 'schoon-huis', 'approved', null,
   'Ik heb COPD. Stofzuigen kan ik niet, dan krijg ik geen lucht. De keuken en de afwas doe ik zelf, dat gaat prima op mijn eigen tempo.'),
  -- 224 adviesraad
  ('d0000000-0000-4000-8000-000000000351', 'd0000000-0000-4000-8000-000000000224', 'wat-kader-moet-waarborgen', 'approved', null,
   E'De werkgroep vraagt het college om in het beleidskader in elk geval vast te leggen:\n\na. dat niemand met een aantoonbare ondersteuningsbehoefte zonder passende hulp komt te zitten;\nb. dat "zelf blijven doen" een aanbod is en geen voorwaarde;\nc. dat de continuïteit van een vaste hulp een kwaliteitseis is bij de inkoop;\nd. dat de gevolgen voor inwoners met een laag inkomen vooraf in beeld worden gebracht.'),
  ('d0000000-0000-4000-8000-000000000352', 'd0000000-0000-4000-8000-000000000224', 'positieve-gezondheid-respectvol', 'approved', null,
   'Positieve gezondheid gaat over het hele leven van een mens, niet alleen over het huishouden. Gebruik het begrip niet als argument om uren te verminderen. Begin het gesprek bij wat de inwoner belangrijk vindt en laat de inwoner zelf kiezen wat hij of zij wil leren.'),
  -- 225 inwoner, Lansinghage (about an identifiable employee: hidden)
  ('d0000000-0000-4000-8000-000000000353', 'd0000000-0000-4000-8000-000000000225', 'krachtig-oud-worden', 'hidden', null,
   'Die hulp die op woensdag bij mij komt, die jonge met het rode haar van dat bureau met de paarse auto''s, zit de helft van de tijd op haar telefoon. Daar betaal ik toch niet voor? Krachtig oud worden begint bij hulp die haar werk doet.'),
  ('d0000000-0000-4000-8000-000000000354', 'd0000000-0000-4000-8000-000000000225', 'schoon-huis', 'approved', null,
   'Ik zou een vaste schoonmaker willen die ik zelf kies en die de gemeente voor een deel betaalt. Dan kan ik zelf afspreken wanneer ze komt.'),
  -- 226 ouderenbond / cliëntorganisatie
  ('d0000000-0000-4000-8000-000000000355', 'd0000000-0000-4000-8000-000000000226', 'wat-leden-nodig-hebben', 'approved', null,
   'Uit onze raadpleging van de achterban (36 reacties) blijkt dat mensen vooral zekerheid willen: weten waar je aan toe bent. Wie nu hulp heeft, wil weten of die blijft. Daarnaast noemen veel mensen eenzaamheid. Het wekelijkse bezoek van de hulp is voor een deel van hen het enige vaste contact.'),
  ('d0000000-0000-4000-8000-000000000356', 'd0000000-0000-4000-8000-000000000226', 'ideeen-van-leden', 'approved', null,
   'Leden noemen: een klussen- en hulpbank in de wijk, samen schoonmaken met een buur ("jij mijn ramen, ik jouw strijk"), een demonstratie van hulpmiddelen in het buurthuis en beweeglessen op de ledenmiddag.'),
  -- 227 inwoner, Centrum
  ('d0000000-0000-4000-8000-000000000357', 'd0000000-0000-4000-8000-000000000227', 'krachtig-oud-worden', 'approved', null,
   'Ik ben 48 en heb MS. Oud ben ik nog niet, maar hulp heb ik wel nodig. Vergeet ons niet in dit verhaal. Voor mij betekent krachtig: mijn energie bewaren voor mijn werk en mijn kinderen. Dus liever hulp die schoonmaakt dan hulp die mij leert schoonmaken.'),
  -- 228 the same text as 335, sent twice
  ('d0000000-0000-4000-8000-000000000358', 'd0000000-0000-4000-8000-000000000228', 'krachtig-oud-worden', 'rejected', 'duplicate',
   'Ik wil niet zielig gevonden worden. Ik wil meedoen. Vrijwilligerswerk, de kleinkinderen van school halen, klaverjassen. Als ik ooit hulp nodig heb, help me dan weer op de been in plaats van alles van me over te nemen.'),
  -- 229 inwoner, Meerzicht (contains a street address: waits for the detector)
  ('d0000000-0000-4000-8000-000000000359', 'd0000000-0000-4000-8000-000000000229', 'krachtig-oud-worden', 'new', null,
   'Ik woon op de Kastanjelaan 14, driehoog in een flat zonder lift. Zolang die lift er niet komt maakt al dat zelf doen niet uit, ik kom met de boodschappen mijn huis niet eens in.'),
  ('d0000000-0000-4000-8000-000000000360', 'd0000000-0000-4000-8000-000000000229', 'zelf-blijven-doen', 'new', null,
   'Een cursus slim huishouden voor mensen met weinig energie. Hoe verdeel je je taken over de week, welke spullen maken het lichter.'),
  -- 230 partner
  ('d0000000-0000-4000-8000-000000000361', 'd0000000-0000-4000-8000-000000000230', 'bijdrage-in-de-wijk', 'new', null,
   'Wij koppelen vrijwilligers aan ouderen voor boodschappen, een wandeling of een klusje. Schoonmaken doen wij niet, want we willen geen betaald werk verdringen. Gezelschap bieden kunnen we wel. Onze wachtlijst voor vrijwilligers is helaas lang.'),
  ('d0000000-0000-4000-8000-000000000362', 'd0000000-0000-4000-8000-000000000230', 'samenwerken', 'new', null,
   'Een vast overleg per wijk, vier keer per jaar, met aanbieders, welzijnswerk, huisartsen en vrijwilligersorganisaties.'),
  -- 231 mantelzorger, Dorp
  ('d0000000-0000-4000-8000-000000000363', 'd0000000-0000-4000-8000-000000000231', 'krachtig-oud-worden', 'new', null,
   'Voor mijn schoonmoeder: dat ze niet steeds een ander gezicht ziet. Ze heeft beginnende dementie en raakt van slag van nieuwe mensen. Een vaste hulp is voor haar geen luxe maar noodzaak.'),
  ('d0000000-0000-4000-8000-000000000364', 'd0000000-0000-4000-8000-000000000231', 'huishouden-naaste', 'new', null,
   'Ik doe de administratie en de boodschappen, de hulp doet de badkamer en de vloeren. Als dat wegvalt weet ik echt niet hoe ik het naast mijn werk moet doen.')
) as v(id, submission_id, question_key, status, reject_reason, body)
join public.submissions s on s.id = v.submission_id::uuid
left join public.questions q
  on q.consultation_id = s.consultation_id and q.audience = s.audience and q.key = v.question_key;

-- ───────────────────────── roadtour notes ─────────────────────────
-- Written by the facilitator during or just after the two completed stops.

insert into public.input_items (
  id, consultation_id, channel, audience, stop_id, topic_id, kind, speaker, body,
  status, reject_reason, moderated_by, moderated_at, client_created_at, created_at
)
select
  v.id::uuid, st.consultation_id, 'roadtour', v.audience::public.audience, st.id, t.id,
  v.kind::public.input_kind, v.speaker, v.body,
  v.status::public.moderation_status, null,
  case when v.status <> 'new' then (select m.user_id from public.staff_members m where m.email = 'moderator@doemee.test') end,
  case when v.status <> 'new' then least(st.completed_at + interval '1 day', now() - interval '1 hour') end,
  st.starts_at + v.minutes * interval '1 minute',
  st.starts_at + v.minutes * interval '1 minute' + interval '2 minutes'
from (values
  -- Beweegochtend in Meerzicht (inZet)
  ('d0000000-0000-4000-8000-000000000401', 'd0000000-0000-4000-8000-000000000101', 'krachtig-oud-worden', 'inwoner', 'point', null, 'approved', 20,
   'De groep was het erover eens dat bewegen het belangrijkste is om fit te blijven. Meerdere deelnemers zeiden dat ze sinds de beweegochtend minder last hebben van stijve gewrichten en het huishouden daardoor beter aankunnen.'),
  ('d0000000-0000-4000-8000-000000000402', 'd0000000-0000-4000-8000-000000000101', 'krachtig-oud-worden', 'inwoner', 'quote', 'mevrouw, 80+', 'approved', 24,
   'Zolang ik hier elke week kom, heb ik geen hulp nodig. Het is de koffie na afloop die me hier houdt, hoor.'),
  ('d0000000-0000-4000-8000-000000000403', 'd0000000-0000-4000-8000-000000000101', 'schoon-huis', 'inwoner', 'worry', null, 'approved', 31,
   'Een deelnemer vertelde dat haar hulp in één jaar drie keer is gewisseld. Ze is bang dat er straks helemaal niemand meer komt. Anderen in de groep herkenden dit.'),
  ('d0000000-0000-4000-8000-000000000404', 'd0000000-0000-4000-8000-000000000101', 'zelf-blijven-doen', 'inwoner', 'idea', null, 'approved', 36,
   'Idee uit de groep: na de beweegles tien minuten oefenen met bewegingen die je thuis bij het schoonmaken gebruikt, zoals goed bukken, reiken en tillen.'),
  ('d0000000-0000-4000-8000-000000000405', 'd0000000-0000-4000-8000-000000000101', 'zelf-blijven-doen', 'inwoner', 'wish', null, 'approved', 40,
   'Deelnemers willen hulpmiddelen eerst kunnen uitproberen voordat ze iets kopen, bijvoorbeeld een lichte stofzuiger of een raamwisser met een lange steel.'),
  ('d0000000-0000-4000-8000-000000000406', 'd0000000-0000-4000-8000-000000000101', 'schoon-huis', 'inwoner', 'quote', 'meneer, 80+', 'approved', 44,
   'Ik had nog nooit een stofzuiger vastgehad, dat deed mijn vrouw altijd. Nu moet ik het op mijn oude dag nog leren. Maar weet je, het lukt best.'),
  ('d0000000-0000-4000-8000-000000000407', 'd0000000-0000-4000-8000-000000000101', 'haalbaarheid-en-personeel', 'inwoner', 'worry', null, 'approved', 51,
   'Een paar mensen vroegen zich af waarom er geen personeel te vinden is. Volgens hen ligt het aan het lage loon en de kleine contracten. "Maak er een echt vak van," zei iemand.'),
  ('d0000000-0000-4000-8000-000000000408', 'd0000000-0000-4000-8000-000000000101', 'netwerk-en-buurt', 'mantelzorger', 'point', null, 'approved', 55,
   'Een mantelzorger (dochter van een deelnemer) gaf aan dat zij nu al veel overneemt. Ze helpt graag, maar wil niet dat de gemeente ervan uitgaat dat familie alles opvangt.'),
  ('d0000000-0000-4000-8000-000000000409', 'd0000000-0000-4000-8000-000000000101', 'schoon-huis', 'inwoner', 'quote', 'mevrouw, 70+', 'approved', 58,
   'Ik betaal nu die paar tientjes per maand en daar krijg ik een schoon huis voor. Als dat meer wordt, stop ik ermee. Dan maar wat minder schoon.'),
  ('d0000000-0000-4000-8000-000000000410', 'd0000000-0000-4000-8000-000000000101', 'netwerk-en-buurt', 'inwoner', 'idea', null, 'approved', 63,
   'Voorstel om in de wijk een maatjesproject te beginnen: een fitte oudere helpt een minder fitte buur met lichte klussen, zoals het bed verschonen.'),
  ('d0000000-0000-4000-8000-000000000411', 'd0000000-0000-4000-8000-000000000101', 'informatie-en-toegang', 'inwoner', 'worry', null, 'approved', 68,
   'Verschillende deelnemers wisten niet dat er een eigen bijdrage is voor de hulp, of hoe hoog die is. Er is behoefte aan duidelijke uitleg op papier.'),
  ('d0000000-0000-4000-8000-000000000412', 'd0000000-0000-4000-8000-000000000101', 'krachtig-oud-worden', 'inwoner', 'point', null, 'approved', 72,
   'Een deelnemer zei dat krachtig oud worden voor haar betekent dat ze zelf mag kiezen. Ze wil niet dat anderen bepalen wat ze nog kan.'),
  ('d0000000-0000-4000-8000-000000000413', 'd0000000-0000-4000-8000-000000000101', 'zelf-blijven-doen', 'inwoner', 'wish', null, 'approved', 76,
   'Wens: een robotstofzuiger in bruikleen via de gemeente of de bibliotheek, met iemand die hem thuis komt instellen.'),
  ('d0000000-0000-4000-8000-000000000414', 'd0000000-0000-4000-8000-000000000101', 'krachtig-oud-worden', 'inwoner', 'quote', 'mevrouw, 85+', 'approved', 81,
   'Mijn hulp en ik drinken eerst koffie. Dan weet ze hoe het met me is. Dat kun je niet in een formulier zetten.'),
  ('d0000000-0000-4000-8000-000000000415', 'd0000000-0000-4000-8000-000000000101', 'haalbaarheid-en-personeel', 'inwoner', 'point', null, 'approved', 88,
   'De groep begreep dat er iets moet veranderen nu er meer ouderen komen. Wel vinden ze dat het stap voor stap moet, en dat mensen na een operatie of bij ziekte tijdelijk volledig geholpen moeten worden.'),
  -- Ledenmiddag ouderenvereniging Rokkeveen
  ('d0000000-0000-4000-8000-000000000416', 'd0000000-0000-4000-8000-000000000102', 'krachtig-oud-worden', 'ouderenbond', 'point', null, 'approved', 15,
   'De voorzitter opende met de opmerking dat veel leden de film herkenbaar vonden. De zaal reageerde instemmend toen in de film werd gezegd dat mensen zo lang mogelijk zelfstandig willen blijven.'),
  ('d0000000-0000-4000-8000-000000000417', 'd0000000-0000-4000-8000-000000000102', 'schoon-huis', 'inwoner', 'worry', null, 'approved', 22,
   'Meerdere leden zijn bang dat zelf doen een bezuiniging is in een ander jasje. Ze willen weten of mensen die nu hulp hebben die ook houden.'),
  ('d0000000-0000-4000-8000-000000000418', 'd0000000-0000-4000-8000-000000000102', 'schoon-huis', 'inwoner', 'quote', 'meneer, 80+', 'approved', 27,
   'Ik kan best zelf de tafel afnemen. Maar de douche boenen met mijn nieuwe heup? Daar kom ik niet meer bij.'),
  ('d0000000-0000-4000-8000-000000000419', 'd0000000-0000-4000-8000-000000000102', 'zelf-blijven-doen', 'ouderenbond', 'idea', null, 'approved', 33,
   'Het bestuur stelt voor om op een volgende ledenmiddag een hulpmiddelenmarkt te houden, samen met een thuiszorgwinkel. Leden kunnen dan spullen met een lange steel en grijpers uitproberen.'),
  ('d0000000-0000-4000-8000-000000000420', 'd0000000-0000-4000-8000-000000000102', 'haalbaarheid-en-personeel', 'inwoner', 'worry', null, 'approved', 40,
   'Een lid vertelde dat haar hulp na een ziekmelding vier weken niet is vervangen. Niemand belde haar om dat te melden. Dit maakte veel reacties los in de zaal.'),
  ('d0000000-0000-4000-8000-000000000421', 'd0000000-0000-4000-8000-000000000102', 'informatie-en-toegang', 'inwoner', 'wish', null, 'approved', 47,
   'Leden willen dat de gemeente bij het gesprek thuis ook vraagt wat iemand nog wil leren, niet alleen wat er niet meer lukt.'),
  ('d0000000-0000-4000-8000-000000000422', 'd0000000-0000-4000-8000-000000000102', 'netwerk-en-buurt', 'inwoner', 'quote', 'mevrouw, 75+', 'approved', 53,
   'Mijn kinderen wonen aan de andere kant van het land en in het buitenland. Wie moet er dan komen? De buren zijn net zo oud als ik.'),
  ('d0000000-0000-4000-8000-000000000423', 'd0000000-0000-4000-8000-000000000102', 'netwerk-en-buurt', 'ouderenbond', 'point', null, 'approved', 60,
   'De vereniging heeft een eigen groep vrijwilligers die klusjes doet. Die groep vergrijst ook, en er zijn te weinig jongere vrijwilligers.'),
  ('d0000000-0000-4000-8000-000000000424', 'd0000000-0000-4000-8000-000000000102', 'schoon-huis', 'inwoner', 'worry', null, 'approved', 66,
   'Een paar leden vinden het abonnementstarief oneerlijk: wie een goed pensioen heeft, betaalt hetzelfde als wie alleen AOW heeft. Anderen waren het daar juist niet mee eens. Hierover was geen overeenstemming.'),
  ('d0000000-0000-4000-8000-000000000425', 'd0000000-0000-4000-8000-000000000102', 'vernieuwing-aanbieders', 'ouderenbond', 'idea', null, 'approved', 74,
   'Voorstel van een lid: laat de hulp één keer per maand samen met de cliënt een grote beurt doen. De rest van de maand doet de cliënt zelf de kleine taken, met een lijstje van de hulp.'),
  ('d0000000-0000-4000-8000-000000000426', 'd0000000-0000-4000-8000-000000000102', 'krachtig-oud-worden', 'inwoner', 'quote', 'mevrouw, 90+', 'new', 81,
   'Ik doe mijn eigen afwas nog. Maar alleen omdat het meisje van de hulp me heeft geleerd om erbij te gaan zitten, op een kruk bij het aanrecht.'),
  ('d0000000-0000-4000-8000-000000000427', 'd0000000-0000-4000-8000-000000000102', 'informatie-en-toegang', 'inwoner', 'worry', null, 'new', 88,
   'Een meneer wil graag teruggebeld worden over zijn indicatie en gaf zijn nummer: 079-3412876. Doorgegeven aan het Wmo-loket.'),
  ('d0000000-0000-4000-8000-000000000428', 'd0000000-0000-4000-8000-000000000102', 'haalbaarheid-en-personeel', 'inwoner', 'point', null, 'new', 95,
   'Aan het eind vroeg de zaal wanneer de nieuwe regels ingaan. Afgesproken is dat de gemeente de planning terugkoppelt via de nieuwsbrief van de vereniging.'),
  ('d0000000-0000-4000-8000-000000000429', 'd0000000-0000-4000-8000-000000000102', 'schoon-huis', 'inwoner', 'wish', null, 'new', 101,
   'Wens uit de zaal: een vaste hulp per straat of flat, zodat bewoners de hulp leren kennen en de hulp minder hoeft te reizen.'),
  ('d0000000-0000-4000-8000-000000000430', 'd0000000-0000-4000-8000-000000000102', 'krachtig-oud-worden', 'inwoner', 'quote', 'meneer, 70+', 'approved', 108,
   'Krachtig oud worden? Dan moet je wel iets te doen hebben. Ik ga drie ochtenden naar de moestuin. Daar word ik sterk van, niet van stofzuigen.')
) as v(id, stop_id, topic_key, audience, kind, speaker, status, minutes, body)
join public.roadtour_stops st on st.id = v.stop_id::uuid
left join public.topics t on t.consultation_id = st.consultation_id and t.key = v.topic_key;

-- ───────────────────────── themes ─────────────────────────
-- Four guided themes are published on "wat we hoorden"; one is active but not yet published;
-- one was discovered by the clustering and still waits for an analyst (candidate).

insert into public.themes (
  id, consultation_id, key, label, description_md, reaction_md, origin, status, top_terms, position,
  published_at, created_at
)
select
  v.id::uuid, c.id, v.key, v.label, v.description_md, v.reaction_md, v.origin::public.theme_origin,
  v.status::public.theme_status, v.top_terms::text[], v.position,
  case when v.published then now() - interval '2 days' end,
  now() - interval '4 days'
from public.consultations c
cross join (values
  ('d0000000-0000-4000-8000-000000000501', 'zelfredzaamheid-en-eigen-kracht', 'Zelf blijven doen, met hulp waar nodig',
   'Veel inwoners willen zo lang mogelijk **zelf** blijven doen wat ze kunnen. Ze vragen om hulp die meekijkt en uitlegt, in plaats van alles over te nemen. Tegelijk zeggen ze: laat mij zelf kiezen, en dwing niets af als het echt niet meer gaat.',
   'In het nieuwe beleidskader vragen we aanbieders om hulpen te trainen in *samen doen*. Het gesprek bij een aanvraag begint met de vraag wat iemand belangrijk vindt en nog wil leren.',
   'guided', 'active', '{zelf doen,leren,bewegen,kiezen,overnemen,trots}', 0, true),
  ('d0000000-0000-4000-8000-000000000502', 'personeel-en-continuiteit', 'Een vaste hulp en genoeg personeel',
   'Inwoners hechten aan een **vaste, vertrouwde hulp**. Wisselende gezichten kosten energie en vertrouwen. Aanbieders vertellen over vacatures, reistijd en zwaar werk, en vragen om tarieven waarin dat is meegenomen.',
   'Een vaste hulp wordt een kwaliteitseis bij de inkoop. Met aanbieders onderzoeken we of vaste teams per wijk de reistijd kunnen verkorten.',
   'guided', 'active', '{vaste hulp,personeel,wisselen,reistijd,vacatures,tarief}', 1, true),
  ('d0000000-0000-4000-8000-000000000503', 'kosten-en-eigen-bijdrage', 'Betaalbare hulp en de eigen bijdrage',
   'Veel reacties gaan over geld. Mensen met een klein inkomen zijn bang dat de hulp onbetaalbaar wordt. Anderen vinden het juist oneerlijk dat iedereen hetzelfde abonnementstarief betaalt, ook wie de hulp zelf kan betalen.',
   'De hoogte van de eigen bijdrage wordt landelijk bepaald. Wij zorgen voor duidelijke uitleg op papier over wat de hulp kost, en laten in het beleidskader zien wat de gevolgen zijn voor inwoners met een laag inkomen.',
   'guided', 'active', '{eigen bijdrage,abonnementstarief,betalen,inkomen,aow,eerlijk}', 2, true),
  ('d0000000-0000-4000-8000-000000000504', 'hulpmiddelen-en-innovatie', 'Hulpmiddelen uitproberen en leren gebruiken',
   'Een robotstofzuiger, een lichte steelstofzuiger of een wisser met een lange steel: veel inwoners willen het best proberen, als iemand het uitlegt en instelt. Aanbieders hebben ideeën, maar vragen om geld voor de eerste investering.',
   'We willen een proef met een uitleen- en uitprobeerpunt voor hulpmiddelen in de wijk, samen met aanbieders en het welzijnswerk.',
   'guided', 'active', '{robotstofzuiger,hulpmiddelen,lange steel,uitproberen,uitleg,pilot}', 3, true),
  ('d0000000-0000-4000-8000-000000000505', 'netwerk-en-mantelzorg', 'Familie, buren en mantelzorgers',
   'Familie, buren en vrijwilligers doen al veel. Mantelzorgers vragen wel dat de gemeente er niet vanzelf van uitgaat dat zij alles opvangen. En niet iedereen heeft familie in de buurt.',
   '',
   'guided', 'active', '{mantelzorger,buren,familie,vrijwilligers,overbelast,groepsapp}', 4, false),
  ('d0000000-0000-4000-8000-000000000506', null, 'Het praatje met de hulp',
   'Voor een deel van de inwoners is de hulp het enige vaste contact in de week. Het kopje koffie en het praatje zijn voor hen net zo belangrijk als een schoon huis.',
   '',
   'discovered', 'candidate', '{koffie,praatje,alleen,contact,eenzaam}', 5, false)
) as v(id, key, label, description_md, reaction_md, origin, status, top_terms, position, published)
where c.slug = 'krachtig-oud-worden';

-- ───────────────────────── theme assignments ─────────────────────────
-- Only approved input. Mostly by the clustering (auto); a few corrected by the analyst (manual).

insert into public.theme_assignments (
  theme_id, input_item_id, consultation_id, source, is_primary, score, assigned_by, created_at
)
select
  ('d0000000-0000-4000-8000-000000000' || v.theme)::uuid, i.id, i.consultation_id,
  v.source::public.assignment_source, v.is_primary, v.score,
  case when v.source = 'manual' then (select a.user_id from public.staff_members a where a.email = 'analist@doemee.test') end,
  case when v.source = 'manual' then now() - interval '1 day' else now() - interval '3 days' end
from (values
  -- online answers
  ('301', '502', 'auto', true, 0.82::real), ('301', '501', 'auto', false, 0.46),
  ('302', '501', 'auto', true, 0.78), ('302', '504', 'auto', false, 0.52),
  ('303', '506', 'auto', true, 0.88),
  ('305', '501', 'auto', true, 0.71),
  ('306', '503', 'auto', true, 0.85),
  ('308', '501', 'auto', true, 0.64), ('308', '505', 'auto', false, 0.41),
  ('309', '505', 'auto', true, 0.83),
  ('310', '505', 'auto', true, 0.72),
  ('311', '503', 'auto', true, 0.90),
  ('312', '504', 'manual', true, 0.91),
  ('313', '501', 'auto', true, 0.43),
  ('314', '505', 'auto', true, 0.58),
  ('318', '505', 'auto', true, 0.55),
  ('319', '501', 'manual', true, 0.74), ('319', '502', 'auto', false, 0.40),
  ('320', '501', 'auto', true, 0.47),
  ('323', '502', 'auto', true, 0.69), ('323', '503', 'auto', false, 0.42),
  ('324', '504', 'auto', true, 0.86),
  ('325', '501', 'auto', true, 0.51),
  ('326', '503', 'auto', true, 0.70), ('326', '502', 'auto', false, 0.55),
  ('328', '502', 'auto', true, 0.92),
  ('329', '501', 'auto', true, 0.81),
  ('330', '504', 'auto', true, 0.62),
  ('331', '502', 'auto', true, 0.80),
  ('332', '504', 'auto', true, 0.89), ('332', '501', 'auto', false, 0.50),
  ('333', '505', 'auto', true, 0.60), ('333', '506', 'auto', false, 0.50),
  ('335', '501', 'auto', true, 0.84),
  ('336', '505', 'manual', true, 0.87),
  ('337', '502', 'auto', true, 0.77), ('337', '506', 'auto', false, 0.48),
  ('340', '505', 'auto', true, 0.60),
  ('341', '501', 'manual', true, 0.90),
  ('343', '502', 'auto', true, 0.88),
  ('344', '504', 'auto', true, 0.83), ('344', '503', 'auto', false, 0.44),
  ('345', '506', 'auto', true, 0.82),
  ('346', '501', 'auto', true, 0.66),
  ('347', '501', 'auto', true, 0.46),
  ('349', '503', 'auto', true, 0.93),
  ('351', '501', 'auto', true, 0.58), ('351', '502', 'auto', false, 0.47), ('351', '503', 'auto', false, 0.41),
  ('352', '501', 'auto', true, 0.69),
  ('354', '502', 'auto', true, 0.53),
  ('355', '506', 'auto', true, 0.62), ('355', '502', 'auto', false, 0.45),
  ('356', '504', 'auto', true, 0.55), ('356', '505', 'auto', false, 0.50),
  -- roadtour notes
  ('401', '501', 'auto', true, 0.79),
  ('402', '506', 'auto', true, 0.60), ('402', '501', 'auto', false, 0.45),
  ('403', '502', 'auto', true, 0.86),
  ('404', '501', 'manual', true, 0.80),
  ('405', '504', 'auto', true, 0.88),
  ('406', '501', 'auto', true, 0.83),
  ('407', '502', 'auto', true, 0.74),
  ('408', '505', 'auto', true, 0.84),
  ('409', '503', 'auto', true, 0.90),
  ('410', '505', 'auto', true, 0.76),
  ('411', '503', 'auto', true, 0.55),
  ('412', '501', 'auto', true, 0.70),
  ('413', '504', 'auto', true, 0.92),
  ('414', '506', 'auto', true, 0.85), ('414', '502', 'auto', false, 0.43),
  ('416', '501', 'auto', true, 0.60),
  ('418', '501', 'auto', true, 0.52),
  ('419', '504', 'auto', true, 0.87),
  ('420', '502', 'manual', true, 0.90),
  ('421', '501', 'auto', true, 0.58),
  ('422', '505', 'auto', true, 0.81),
  ('423', '505', 'auto', true, 0.73),
  ('424', '503', 'auto', true, 0.88),
  ('425', '501', 'auto', true, 0.64), ('425', '504', 'auto', false, 0.42),
  ('430', '501', 'auto', true, 0.55)
) as v(item, theme, source, is_primary, score)
join public.input_items i on i.id = ('d0000000-0000-4000-8000-000000000' || v.item)::uuid
where i.status = 'approved';

-- ───────────────────────── the clustering run behind these themes ─────────────────────────
-- The demo themes came from a run of "Thema's voorstellen" after the last moderation: input
-- approved later is new to the engine (only new input may join an accepted theme).

insert into public.theme_jobs (consultation_id, kind, status, progress, summary, created_by, created_at, updated_at, finished_at)
select c.id, 'propose', 'done', 1, '{"mode": "worker"}'::jsonb,
  (select a.user_id from public.staff_members a where a.email = 'analist@doemee.test'),
  now() - interval '20 minutes', now() - interval '20 minutes', now() - interval '20 minutes'
from public.consultations c where c.slug = 'krachtig-oud-worden';

-- ───────────────────────── published version ─────────────────────────
-- The analyst froze the board once and published that version on "wat we hoorden" (its page is
-- built by the same function as in the app). Work on the board after this changes nothing public.

insert into public.theme_snapshots (id, consultation_id, label, themes, assignments, created_at)
select 'd0000000-0000-4000-8000-000000000601'::uuid, c.id, 'Tussenstand voor de adviesraad',
  (select coalesce(jsonb_agg(jsonb_build_object(
      'id', t.id, 'key', t.key, 'label', t.label, 'description_md', t.description_md,
      'reaction_md', t.reaction_md, 'origin', t.origin, 'status', t.status, 'locked', t.locked,
      'top_terms', t.top_terms, 'position', t.position, 'published_at', t.published_at,
      'version', t.version) order by t.position, t.label), '[]'::jsonb)
   from public.themes t where t.consultation_id = c.id and t.status in ('candidate', 'active')),
  (select coalesce(jsonb_agg(jsonb_build_object(
      'theme_id', a.theme_id, 'input_item_id', a.input_item_id, 'source', a.source,
      'is_primary', a.is_primary, 'score', a.score) order by a.theme_id, a.input_item_id), '[]'::jsonb)
   from public.theme_assignments a join public.themes t on t.id = a.theme_id
   where a.consultation_id = c.id and t.status in ('candidate', 'active')),
  now() - interval '1 day'
from public.consultations c where c.slug = 'krachtig-oud-worden';

insert into public.results_publications (id, consultation_id, snapshot_id, title, page, published_at, published_by)
select 'd0000000-0000-4000-8000-000000000602'::uuid, s.consultation_id, s.id,
  'Wat we tot nu toe hoorden over hulp in het huishouden', private.version_page(s.id), now() - interval '1 day',
  (select a.user_id from public.staff_members a where a.email = 'analist@doemee.test')
from public.theme_snapshots s where s.id = 'd0000000-0000-4000-8000-000000000601';

update public.consultations set results_published_at = now() - interval '1 day'
where slug = 'krachtig-oud-worden';

-- ───────────────────────── contact e-mail addresses ─────────────────────────
-- Left for the one message when results are out; deliberately not linked to any answer (no time).

insert into public.contact_emails (consultation_id, email, unsubscribe_token)
select c.id, v.email, v.token
from public.consultations c
cross join (values
  ('lezer.seghwaert@voorbeeld.nl', 'demo-uitschrijven-7Qk2mV9xLp3RtB8w'),
  ('mantelzorg.thuis@voorbeeld.nl', 'demo-uitschrijven-Hn4cZs6yWe1JdK5u'),
  ('secretariaat@ouderenvereniging.example', 'demo-uitschrijven-Pb7fGt2qXm9LvN3r')
) as v(email, token)
where c.slug = 'krachtig-oud-worden';

-- ───────────────────────── self-check ─────────────────────────
-- Joins above drop rows silently when a slug, key or id does not match: fail loudly instead.

do $$
declare
  problems text[] := '{}';
  n integer;
begin
  select count(*) into n from public.roadtour_stops where id::text like 'd0000000-%';
  if n <> 5 then problems := problems || format('roadtour_stops: %s of 5', n); end if;
  select count(*) into n from public.submissions where id::text like 'd0000000-%';
  if n <> 31 then problems := problems || format('submissions: %s of 31', n); end if;
  select count(*) into n from public.input_items where channel = 'online' and id::text like 'd0000000-%';
  if n <> 64 then problems := problems || format('online answers: %s of 64', n); end if;
  select count(*) into n from public.input_items where channel = 'roadtour' and topic_id is not null and id::text like 'd0000000-%';
  if n <> 30 then problems := problems || format('roadtour notes with a topic: %s of 30', n); end if;
  select count(*) into n from public.themes where id::text like 'd0000000-%';
  if n <> 6 then problems := problems || format('themes: %s of 6', n); end if;
  select count(*) into n from public.theme_assignments where theme_id::text like 'd0000000-%';
  if n <> 82 then problems := problems || format('theme_assignments: %s of 82 (only approved input may be assigned)', n); end if;
  select count(*) into n
  from public.input_items i join public.questions q on q.id = i.question_id
  where i.audience <> q.audience;
  if n <> 0 then problems := problems || format('%s answers to a question of another audience', n); end if;
  select count(*) into n from public.results_publications
  where id = 'd0000000-0000-4000-8000-000000000602' and jsonb_array_length(page -> 'themes') = 4;
  if n <> 1 then problems := problems || 'the published version does not hold the four published themes'::text; end if;
  if cardinality(problems) > 0 then
    raise exception 'supabase/seed.sql does not match content/: %', array_to_string(problems, '; ');
  end if;
end
$$;
