/**
 * The public Sistem 48 screens' part of the message catalogue (added to the catalogue by src/catalogue.ts):
 * the report form, the map and list of problems, and one report's public page. Order of each
 * entry: sr-Latn, bs, hr, cnr, sl, en; sr-Cyrl is derived from sr-Latn, so sr-Latn avoids q, w, x
 * and y (words with them would stay Latin).
 */
import { m } from '../i18n/texts.ts';

export const S48_PUBLIC_MESSAGES = {
  // --- Ways in --------------------------------------------------------------------------------------
  's48p.track_report_link': m('Ovaj problem na javnoj stranici prijava: status, rok za odgovor, istorija i fotografije', 'Ovaj problem na javnoj stranici prijava: status, rok za odgovor, historija i fotografije', 'Ovaj problem na javnoj stranici prijava: status, rok za odgovor, povijest i fotografije', 'Ovaj problem na javnoj stranici prijava: status, rok za odgovor, istorija i fotografije', 'Ta težava na javni strani prijav: stanje, rok za odgovor, zgodovina in fotografije', 'This problem on the public reports page: status, answer deadline, history and photos'),
  's48p.awaiting_review': m(
    'Prijava čeka pregled. Opis i fotografije biće objavljeni kada ih služba pregleda.',
    'Prijava čeka pregled. Opis i fotografije bit će objavljeni kada ih služba pregleda.',
    'Prijava čeka pregled. Opis i fotografije bit će objavljeni kada ih služba pregleda.',
    'Prijava čeka pregled. Opis i fotografije biće objavljeni kada ih služba pregleda.',
    'Prijava čaka na pregled. Opis in fotografije bodo objavljeni, ko jih služba pregleda.',
    'This report is awaiting review. Its description and photos will be published once staff have reviewed them.'),
  's48p.update_awaiting_review': m('Dopuna čeka pregled.', 'Dopuna čeka pregled.', 'Dopuna čeka pregled.', 'Dopuna čeka pregled.', 'Dopolnitev čaka na pregled.', 'This update is awaiting review.'),
  's48p.text_removed': m('Opis je uklonila služba.', 'Opis je uklonila služba.', 'Opis je uklonila služba.', 'Opis je uklonila služba.', 'Opis je odstranila služba.', 'The description was removed by staff.'),
  's48p.report_problem': m('Prijavite problem', 'Prijavite problem', 'Prijavite problem', 'Prijavite problem', 'Prijavite težavo', 'Report a problem'),
  's48p.problems_title': m('Problemi u opštini', 'Problemi u općini', 'Problemi u općini', 'Problemi u opštini', 'Težave v občini', 'Problems in the municipality'),
  's48p.public_menu': m('Komunalni problemi', 'Komunalni problemi', 'Komunalni problemi', 'Komunalni problemi', 'Komunalne težave', 'Communal problems'),

  // --- The report form ----------------------------------------------------------------------------
  's48p.new_title': m('Prijava komunalnog problema', 'Prijava komunalnog problema', 'Prijava komunalnog problema', 'Prijava komunalnog problema', 'Prijava komunalne težave', 'Report a communal problem'),
  's48p.new_intro': m(
    'Nalog nije potreban. Nadležna služba odgovara u roku od 48 sati.',
    'Račun nije potreban. Nadležna služba odgovara u roku od 48 sati.',
    'Korisnički račun nije potreban. Nadležna služba odgovara u roku od 48 sati.',
    'Nalog nije potreban. Nadležna služba odgovara u roku od 48 sati.',
    'Račun ni potreben. Pristojna služba odgovori v 48 urah.',
    'No account needed. The responsible service answers within 48 hours.'),
  's48p.category': m('Šta je problem?', 'Šta je problem?', 'Što je problem?', 'Što je problem?', 'Kakšna je težava?', 'What is the problem?'),
  's48p.category_name': m('Vrsta problema', 'Vrsta problema', 'Vrsta problema', 'Vrsta problema', 'Vrsta težave', 'Kind of problem'),
  's48p.details': m('Dodatni podaci', 'Dodatni podaci', 'Dodatni podaci', 'Dodatni podaci', 'Dodatni podatki', 'Details'),
  's48p.choose': m('— izaberite —', '— izaberite —', '— odaberite —', '— izaberite —', '— izberite —', '— choose —'),
  's48p.description': m('Opis', 'Opis', 'Opis', 'Opis', 'Opis', 'Description'),
  's48p.description_hint': m(
    'Šta nije u redu i gde tačno (npr. ispred kog broja)?',
    'Šta nije u redu i gdje tačno (npr. ispred kojeg broja)?',
    'Što nije u redu i gdje točno (npr. ispred kojeg broja)?',
    'Što nije u redu i đe tačno (npr. ispred kojeg broja)?',
    'Kaj je narobe in kje natančno (npr. pred katero hišno številko)?',
    'What is wrong, and where exactly (e.g. in front of which house number)?'),
  's48p.location': m('Lokacija', 'Lokacija', 'Lokacija', 'Lokacija', 'Lokacija', 'Location'),
  's48p.location_hint': m(
    'Upišite adresu ili dodirnite mapu da postavite oznaku. Dovoljna je i samo adresa.',
    'Upišite adresu ili dodirnite mapu da postavite oznaku. Dovoljna je i samo adresa.',
    'Upišite adresu ili dodirnite kartu da postavite oznaku. Dovoljna je i samo adresa.',
    'Upišite adresu ili dodirnite mapu da postavite oznaku. Dovoljna je i samo adresa.',
    'Vpišite naslov ali se dotaknite zemljevida, da postavite oznako. Zadošča tudi samo naslov.',
    'Type the address, or tap the map to place the pin. The address alone is enough.'),
  's48p.address': m('Adresa ili mesto', 'Adresa ili mjesto', 'Adresa ili mjesto', 'Adresa ili mjesto', 'Naslov ali kraj', 'Address or place'),
  's48p.address_suggestions': m('Predlozi adresa', 'Prijedlozi adresa', 'Prijedlozi adresa', 'Predlozi adresa', 'Predlogi naslovov', 'Address suggestions'),
  's48p.suggestions_count': m('Predloga: {count}', 'Prijedloga: {count}', 'Prijedloga: {count}', 'Predloga: {count}', 'Predlogov: {count}', 'Suggestions: {count}'),
  's48p.suggestion_street': m('ulica', 'ulica', 'ulica', 'ulica', 'ulica', 'street'),
  's48p.suggestion_report': m('ranije prijave', 'ranije prijave', 'ranije prijave', 'ranije prijave', 'prejšnje prijave', 'earlier reports'),
  's48p.map_label': m(
    'Mapa: dodirnite mesto problema da postavite oznaku',
    'Mapa: dodirnite mjesto problema da postavite oznaku',
    'Karta: dodirnite mjesto problema da postavite oznaku',
    'Mapa: dodirnite mjesto problema da postavite oznaku',
    'Zemljevid: dotaknite se mesta težave, da postavite oznako',
    'Map: tap where the problem is to place the pin'),
  's48p.use_my_location': m('Koristi moju lokaciju', 'Koristi moju lokaciju', 'Koristi moju lokaciju', 'Koristi moju lokaciju', 'Uporabi mojo lokacijo', 'Use my location'),
  's48p.use_map_centre': m('Postavi oznaku u sredinu mape', 'Postavi oznaku u sredinu mape', 'Postavi oznaku u sredinu karte', 'Postavi oznaku u sredinu mape', 'Postavi oznako na sredino zemljevida', 'Place the pin at the centre of the map'),
  's48p.remove_pin': m('Ukloni oznaku', 'Ukloni oznaku', 'Ukloni oznaku', 'Ukloni oznaku', 'Odstrani oznako', 'Remove the pin'),
  's48p.pin_at': m('Oznaka je na {lat}, {lon}.', 'Oznaka je na {lat}, {lon}.', 'Oznaka je na {lat}, {lon}.', 'Oznaka je na {lat}, {lon}.', 'Oznaka je na {lat}, {lon}.', 'The pin is at {lat}, {lon}.'),
  's48p.no_pin': m('Oznaka nije postavljena.', 'Oznaka nije postavljena.', 'Oznaka nije postavljena.', 'Oznaka nije postavljena.', 'Oznaka ni postavljena.', 'No pin placed.'),
  's48p.locating': m('Traži se vaša lokacija…', 'Traži se vaša lokacija…', 'Traži se vaša lokacija…', 'Traži se vaša lokacija…', 'Iščemo vašo lokacijo …', 'Finding your location…'),
  's48p.location_unavailable': m(
    'Vaša lokacija nije dostupna. Upišite adresu.',
    'Vaša lokacija nije dostupna. Upišite adresu.',
    'Vaša lokacija nije dostupna. Upišite adresu.',
    'Vaša lokacija nije dostupna. Upišite adresu.',
    'Vaša lokacija ni na voljo. Vpišite naslov.',
    'Your location is not available. Type the address instead.'),
  's48p.photos': m('Fotografije (najviše {count})', 'Fotografije (najviše {count})', 'Fotografije (najviše {count})', 'Fotografije (najviše {count})', 'Fotografije (največ {count})', 'Photos (up to {count})'),
  's48p.photos_hint': m(
    'JPEG ili PNG, do {size} MB po fotografiji. Objavljuju se tek kada ih opština odobri.',
    'JPEG ili PNG, do {size} MB po fotografiji. Objavljuju se tek kada ih općina odobri.',
    'JPEG ili PNG, do {size} MB po fotografiji. Objavljuju se tek kada ih općina odobri.',
    'JPEG ili PNG, do {size} MB po fotografiji. Objavljuju se tek kada ih opština odobri.',
    'JPEG ali PNG, do {size} MB na fotografijo. Objavijo se šele, ko jih občina odobri.',
    'JPEG or PNG, up to {size} MB each. They are published only once the municipality approves them.'),
  's48p.too_many_photos': m('Izaberite najviše {count} fotografije.', 'Izaberite najviše {count} fotografije.', 'Odaberite najviše {count} fotografije.', 'Izaberite najviše {count} fotografije.', 'Izberite največ {count} fotografije.', 'Choose at most {count} photos.'),
  's48p.contact': m('Vaš kontakt (nije obavezno)', 'Vaš kontakt (nije obavezno)', 'Vaš kontakt (nije obvezno)', 'Vaš kontakt (nije obavezno)', 'Vaš kontakt (ni obvezno)', 'Your contact (optional)'),
  's48p.contact_hint': m(
    'Vidi ga samo opština; nikada se ne prikazuje na javnim stranicama.',
    'Vidi ga samo općina; nikada se ne prikazuje na javnim stranicama.',
    'Vidi ga samo općina; nikada se ne prikazuje na javnim stranicama.',
    'Vidi ga samo opština; nikada se ne prikazuje na javnim stranicama.',
    'Vidi ga samo občina; na javnih straneh ni nikoli prikazan.',
    'Only the municipality sees it; it is never shown on the public pages.'),
  's48p.name': m('Ime i prezime', 'Ime i prezime', 'Ime i prezime', 'Ime i prezime', 'Ime in priimek', 'Name'),
  's48p.phone': m('Mobilni telefon', 'Mobilni telefon', 'Mobilni telefon', 'Mobilni telefon', 'Mobilni telefon', 'Mobile phone'),
  's48p.email': m('E-pošta', 'E-pošta', 'E-pošta', 'E-pošta', 'E-pošta', 'E-mail'),
  's48p.consent': m(
    'Šaljite mi obaveštenja o ovoj prijavi (SMS ili e-pošta)',
    'Šaljite mi obavještenja o ovoj prijavi (SMS ili e-pošta)',
    'Šaljite mi obavijesti o ovoj prijavi (SMS ili e-pošta)',
    'Šaljite mi obavještenja o ovoj prijavi (SMS ili e-pošta)',
    'Pošiljajte mi obvestila o tej prijavi (SMS ali e-pošta)',
    'Send me updates about this report (SMS or e-mail)'),
  's48p.submit': m('Pošalji prijavu', 'Pošalji prijavu', 'Pošalji prijavu', 'Pošalji prijavu', 'Pošlji prijavo', 'Send the report'),
  's48p.sending': m('Šalje se…', 'Šalje se…', 'Šalje se…', 'Šalje se…', 'Pošiljanje …', 'Sending…'),

  // --- Already reported ---------------------------------------------------------------------------
  's48p.duplicates_title': m('Već prijavljeno u blizini', 'Već prijavljeno u blizini', 'Već prijavljeno u blizini', 'Već prijavljeno u blizini', 'V bližini že prijavljeno', 'Already reported nearby'),
  's48p.duplicates_intro': m(
    'Isti problem je možda već prijavljen. Možete ga pratiti umesto da šaljete novu prijavu.',
    'Isti problem je možda već prijavljen. Možete ga pratiti umjesto da šaljete novu prijavu.',
    'Isti problem je možda već prijavljen. Možete ga pratiti umjesto da šaljete novu prijavu.',
    'Isti problem je možda već prijavljen. Možete ga pratiti umjesto da šaljete novu prijavu.',
    'Ista težava je morda že prijavljena. Namesto nove prijave jo lahko spremljate.',
    'The same problem may already be reported. You can follow it instead of sending a new report.'),
  's48p.follow_report': m('Pratite prijavu {number}', 'Pratite prijavu {number}', 'Pratite prijavu {number}', 'Pratite prijavu {number}', 'Spremljajte prijavo {number}', 'Follow report {number}'),
  's48p.distance': m('{metres} m odavde', '{metres} m odavde', '{metres} m odavde', '{metres} m odavde', '{metres} m od tu', '{metres} m away'),

  // --- After sending ------------------------------------------------------------------------------
  's48p.sent_title': m('Prijava je primljena', 'Prijava je primljena', 'Prijava je zaprimljena', 'Prijava je primljena', 'Prijava je sprejeta', 'Report received'),
  's48p.report_number': m('Broj prijave', 'Broj prijave', 'Broj prijave', 'Broj prijave', 'Številka prijave', 'Report number'),
  's48p.tracking_code': m('Kod za praćenje', 'Kod za praćenje', 'Kod za praćenje', 'Kod za praćenje', 'Koda za spremljanje', 'Tracking code'),
  's48p.sent_keep': m(
    'Sačuvajte broj i kod: pomoću njih pratite svoju prijavu.',
    'Sačuvajte broj i kod: pomoću njih pratite svoju prijavu.',
    'Spremite broj i kod: pomoću njih pratite svoju prijavu.',
    'Sačuvajte broj i kod: pomoću njih pratite svoju prijavu.',
    'Shranite številko in kodo: z njima spremljate svojo prijavo.',
    'Keep the number and the code: with them you follow your report.'),
  's48p.sent_due': m(
    'Nadležna služba odgovara do {date}.',
    'Nadležna služba odgovara do {date}.',
    'Nadležna služba odgovara do {date}.',
    'Nadležna služba odgovara do {date}.',
    'Pristojna služba odgovori do {date}.',
    'The responsible service answers by {date}.'),
  's48p.follow_this': m('Pratite ovu prijavu', 'Pratite ovu prijavu', 'Pratite ovu prijavu', 'Pratite ovu prijavu', 'Spremljajte to prijavo', 'Follow this report'),
  's48p.another': m('Prijavite drugi problem', 'Prijavite drugi problem', 'Prijavite drugi problem', 'Prijavite drugi problem', 'Prijavite drugo težavo', 'Report another problem'),

  // --- Map and list -------------------------------------------------------------------------------
  's48p.filters': m('Filteri', 'Filteri', 'Filtri', 'Filteri', 'Filtri', 'Filters'),
  's48p.all_categories': m('Sve vrste', 'Sve vrste', 'Sve vrste', 'Sve vrste', 'Vse vrste', 'All kinds'),
  's48p.all_units': m('Sve službe', 'Sve službe', 'Sve službe', 'Sve službe', 'Vse službe', 'All services'),
  's48p.service': m('Nadležna služba', 'Nadležna služba', 'Nadležna služba', 'Nadležna služba', 'Pristojna služba', 'Responsible service'),
  's48p.open_or_closed': m('Otvorene i zatvorene', 'Otvorene i zatvorene', 'Otvorene i zatvorene', 'Otvorene i zatvorene', 'Odprte in zaprte', 'Open and closed'),
  's48p.open': m('Otvorene', 'Otvorene', 'Otvorene', 'Otvorene', 'Odprte', 'Open'),
  's48p.closed': m('Zatvorene', 'Zatvorene', 'Zatvorene', 'Zatvorene', 'Zaprte', 'Closed'),
  's48p.from': m('Prijavljeno od', 'Prijavljeno od', 'Prijavljeno od', 'Prijavljeno od', 'Prijavljeno od', 'Reported from'),
  's48p.to': m('Prijavljeno do', 'Prijavljeno do', 'Prijavljeno do', 'Prijavljeno do', 'Prijavljeno do', 'Reported until'),
  's48p.map_heading': m('Mapa', 'Mapa', 'Karta', 'Mapa', 'Zemljevid', 'Map'),
  's48p.reports_map_label': m('Mapa prijavljenih problema', 'Mapa prijavljenih problema', 'Karta prijavljenih problema', 'Mapa prijavljenih problema', 'Zemljevid prijavljenih težav', 'Map of reported problems'),
  's48p.list_heading': m('Spisak', 'Spisak', 'Popis', 'Spisak', 'Seznam', 'List'),
  's48p.no_reports': m('Nema prijava za ove filtere.', 'Nema prijava za ove filtere.', 'Nema prijava za ove filtre.', 'Nema prijava za ove filtere.', 'Za te filtre ni prijav.', 'No reports match these filters.'),
  's48p.previous': m('Prethodna strana', 'Prethodna stranica', 'Prethodna stranica', 'Prethodna strana', 'Prejšnja stran', 'Previous page'),
  's48p.next': m('Sledeća strana', 'Sljedeća stranica', 'Sljedeća stranica', 'Sljedeća strana', 'Naslednja stran', 'Next page'),
  's48p.page': m('Strana {page}', 'Stranica {page}', 'Stranica {page}', 'Strana {page}', 'Stran {page}', 'Page {page}'),
  's48p.pages': m('Strane', 'Stranice', 'Stranice', 'Strane', 'Strani', 'Pages'),

  // --- One report ---------------------------------------------------------------------------------
  's48p.report_title': m('Prijava {number}', 'Prijava {number}', 'Prijava {number}', 'Prijava {number}', 'Prijava {number}', 'Report {number}'),
  's48p.address_label': m('Adresa', 'Adresa', 'Adresa', 'Adresa', 'Naslov', 'Address'),
  // Not "48 hours": each category sets its own first-response time (garbage may have 24).
  's48p.clock': m('Rok za odgovor', 'Rok za odgovor', 'Rok za odgovor', 'Rok za odgovor', 'Rok za odgovor', 'Deadline for an answer'),
  's48p.clock_ok': m('Odgovor do {date}', 'Odgovor do {date}', 'Odgovor do {date}', 'Odgovor do {date}', 'Odgovor do {date}', 'Answer due by {date}'),
  's48p.clock_warning': m('Rok ističe uskoro: {date}', 'Rok ističe uskoro: {date}', 'Rok uskoro istječe: {date}', 'Rok ističe uskoro: {date}', 'Rok kmalu poteče: {date}', 'Due soon: {date}'),
  's48p.clock_breached': m('Rok je prošao {date}', 'Rok je istekao {date}', 'Rok je istekao {date}', 'Rok je istekao {date}', 'Rok je potekel {date}', 'Overdue since {date}'),
  's48p.clock_answered': m('Odgovoreno {date}', 'Odgovoreno {date}', 'Odgovoreno {date}', 'Odgovoreno {date}', 'Odgovorjeno {date}', 'Answered on {date}'),
  's48p.clock_answered_late': m('Odgovoreno sa zakašnjenjem, {date}', 'Odgovoreno sa zakašnjenjem, {date}', 'Odgovoreno sa zakašnjenjem, {date}', 'Odgovoreno sa zakašnjenjem, {date}', 'Odgovorjeno z zamudo, {date}', 'Answered late, on {date}'),
  's48p.planned_resolution': m('Planirano rešavanje', 'Planirano rješavanje', 'Planirano rješavanje', 'Planirano rješavanje', 'Načrtovana odprava', 'Planned resolution'),
  's48p.merged_into': m('Spojeno sa prijavom', 'Spojeno s prijavom', 'Spojeno s prijavom', 'Spojeno s prijavom', 'Združeno s prijavo', 'Merged into report'),
  's48p.photos_heading': m('Fotografije', 'Fotografije', 'Fotografije', 'Fotografije', 'Fotografije', 'Photos'),
  's48p.photo_alt': m('Fotografija {n} uz prijavu {number}', 'Fotografija {n} uz prijavu {number}', 'Fotografija {n} uz prijavu {number}', 'Fotografija {n} uz prijavu {number}', 'Fotografija {n} k prijavi {number}', 'Photo {n} of report {number}'),
  's48p.back_to_list': m('Svi problemi', 'Svi problemi', 'Svi problemi', 'Svi problemi', 'Vse težave', 'All problems'),
  's48p.category_required': m('Izaberite odgovor na pitanje „Šta je problem?”.', 'Izaberite odgovor na pitanje „Šta je problem?”.', 'Odaberite odgovor na pitanje „Što je problem?”.', 'Izaberite odgovor na pitanje „Što je problem?”.', 'Izberite odgovor na vprašanje »Kakšna je težava?«.', 'Choose an answer to "What is the problem?".'),
  's48p.same_address': m('na istoj adresi', 'na istoj adresi', 'na istoj adresi', 'na istoj adresi', 'na istem naslovu', 'at the same address'),
  's48p.same_street': m('u istoj ulici', 'u istoj ulici', 'u istoj ulici', 'u istoj ulici', 'v isti ulici', 'in the same street'),
  's48p.zoom_in': m('Uvećaj kartu', 'Uvećaj kartu', 'Povećaj kartu', 'Uvećaj kartu', 'Povečaj zemljevid', 'Zoom in'),
  's48p.zoom_out': m('Umanji kartu', 'Umanji kartu', 'Smanji kartu', 'Umanji kartu', 'Pomanjšaj zemljevid', 'Zoom out'),
} as const;

// Its keys become message keys for the compiler (the table itself is added by src/catalogue.ts).
declare module '../i18n/catalog.ts' {
  interface MessageCatalogue extends Record<keyof typeof S48_PUBLIC_MESSAGES, true> {}
}
