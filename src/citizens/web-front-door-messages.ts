/**
 * The citizen's front door (`/`) and the menu every public page shares, the public list's search,
 * a report's map, following a report and changing one's contacts in the portal (added to the
 * catalogue by src/catalogue.ts). Order of each entry: sr-Latn, bs, hr, cnr, sl, en; sr-Cyrl is
 * derived from sr-Latn, so sr-Latn avoids q, w, x and y.
 */
import { m } from '../i18n/texts.ts';

export const FRONT_DOOR_MESSAGES = {
  // --- The front door ---------------------------------------------------------------------------------
  'door.title': m('Opština vas sluša', 'Općina vas sluša', 'Općina vas sluša', 'Opština vas sluša', 'Občina vas posluša', 'Your municipality is listening'),
  'door.intro': m(
    'Prijavite problem, pratite svoj predmet i pogledajte koliko brzo opština rešava prijave. Za prijavu problema nije potreban nalog.',
    'Prijavite problem, pratite svoj predmet i pogledajte koliko brzo općina rješava prijave. Za prijavu problema nije potreban račun.',
    'Prijavite problem, pratite svoj predmet i pogledajte koliko brzo općina rješava prijave. Za prijavu problema nije potreban račun.',
    'Prijavite problem, pratite svoj predmet i pogledajte koliko brzo opština rješava prijave. Za prijavu problema nije potreban nalog.',
    'Prijavite težavo, spremljajte svojo zadevo in poglejte, kako hitro občina rešuje prijave. Za prijavo težave ne potrebujete računa.',
    'Report a problem, follow your case and see how fast the municipality solves what people report. You need no account to report a problem.',
  ),
  'door.menu': m('Za građane', 'Za građane', 'Za građane', 'Za građane', 'Za občane', 'For citizens'),
  'door.home': m('Početna', 'Početna', 'Početna', 'Početna', 'Domov', 'Home'),
  'door.report_about': m(
    'Rupa na putu, ugašena svetiljka, smeće: opišite gde je, za dva minuta.',
    'Rupa na cesti, ugašena svjetiljka, smeće: opišite gdje je, za dvije minute.',
    'Rupa na cesti, ugašena svjetiljka, smeće: opišite gdje je, za dvije minute.',
    'Rupa na putu, ugašena svjetiljka, smeće: opišite đe je, za dva minuta.',
    'Luknja na cesti, ugasnjena svetilka, smeti: opišite, kje je, v dveh minutah.',
    'A pothole, a street light out, rubbish: say where it is, in two minutes.',
  ),
  'door.problems_about': m(
    'Karta i spisak prijavljenih problema, sa statusom i rokom za odgovor.',
    'Karta i spisak prijavljenih problema, sa statusom i rokom za odgovor.',
    'Karta i popis prijavljenih problema, sa statusom i rokom za odgovor.',
    'Karta i spisak prijavljenih problema, sa statusom i rokom za odgovor.',
    'Zemljevid in seznam prijavljenih težav s stanjem in rokom za odgovor.',
    'The map and list of reported problems, with their status and answer deadline.',
  ),
  'door.track_about': m(
    'Broj predmeta i kod za praćenje sa potvrde: status bez prijave na portal.',
    'Broj predmeta i kod za praćenje s potvrde: status bez prijave na portal.',
    'Broj predmeta i kod za praćenje s potvrde: status bez prijave na portal.',
    'Broj predmeta i kod za praćenje sa potvrde: status bez prijave na portal.',
    'Številka zadeve in koda za sledenje s potrdila: stanje brez prijave na portal.',
    'The case number and tracking code from your receipt: the status with no sign-in.',
  ),
  'door.portal_about': m(
    'Svi vaši predmeti i prijave, obaveštenja i kontakti, uz kod poslat na telefon.',
    'Svi vaši predmeti i prijave, obavještenja i kontakti, uz kod poslan na telefon.',
    'Svi vaši predmeti i prijave, obavijesti i kontakti, uz kod poslan na telefon.',
    'Svi vaši predmeti i prijave, obavještenja i kontakti, uz kod poslat na telefon.',
    'Vse vaše zadeve in prijave, obvestila in kontakti, s kodo, poslano na telefon.',
    'All your cases and reports, notifications and contacts, with a code sent to your phone.',
  ),
  'door.weekly_about': m(
    'Koliko je prijava stiglo, koliko je odgovoreno u roku i koliko je rešeno, svake nedelje.',
    'Koliko je prijava stiglo, koliko je odgovoreno u roku i koliko je riješeno, svake sedmice.',
    'Koliko je prijava stiglo, koliko je odgovoreno u roku i koliko je riješeno, svaki tjedan.',
    'Koliko je prijava stiglo, koliko je odgovoreno u roku i koliko je riješeno, svake nedjelje.',
    'Koliko prijav je prispelo, na koliko je bilo odgovorjeno v roku in koliko je rešenih, vsak teden.',
    'How many reports came in, how many were answered in time and how many were solved, every week.',
  ),
  'door.staff': m('Za zaposlene', 'Za uposlenike', 'Za zaposlenike', 'Za zaposlene', 'Za zaposlene', 'For staff'),
  // --- The public list's search and a report's map ------------------------------------------------------
  'door.search_text': m('Traži u tekstu', 'Traži u tekstu', 'Traži u tekstu', 'Traži u tekstu', 'Išči v besedilu', 'Search the text'),
  'door.search_street': m('Ulica', 'Ulica', 'Ulica', 'Ulica', 'Ulica', 'Street'),
  'door.report_map': m(
    'Mesto prijavljenog problema na karti',
    'Mjesto prijavljenog problema na karti',
    'Mjesto prijavljenog problema na karti',
    'Mjesto prijavljenog problema na karti',
    'Mesto prijavljene težave na zemljevidu',
    'Where the reported problem is, on the map',
  ),
  'door.map_heading': m('Na karti', 'Na karti', 'Na karti', 'Na karti', 'Na zemljevidu', 'On the map'),
  'door.type_address_instead': m(
    'Ne možete da koristite kartu? Upišite adresu',
    'Ne možete koristiti kartu? Upišite adresu',
    'Ne možete koristiti kartu? Upišite adresu',
    'Ne možete da koristite kartu? Upišite adresu',
    'Ne morete uporabiti zemljevida? Vpišite naslov',
    "Can't use the map? Type the address",
  ),
} as const;

// Its keys become message keys for the compiler (the table itself is added by src/catalogue.ts).
declare module '../i18n/catalog.ts' {
  interface MessageCatalogue extends Record<keyof typeof FRONT_DOOR_MESSAGES, true> {}
}
