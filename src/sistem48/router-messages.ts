/**
 * The report router's part of the message catalogue (added by src/catalogue.ts): the administrator's
 * router screen, the suggestions shown while a description is typed, and the dispatcher's category
 * correction. Order of each entry: sr-Latn, bs, hr, cnr, sl, en; sr-Cyrl is derived from sr-Latn.
 */
import { m } from '../i18n/texts.ts';

export const ROUTER_MESSAGES = {
  'router.nav': m('Usmeravanje prijava', 'Usmjeravanje prijava', 'Usmjeravanje prijava', 'Usmjeravanje prijava', 'Usmerjanje prijav', 'Report router'),
  'router.title': m(
    'Automatsko usmeravanje prijava po tekstu',
    'Automatsko usmjeravanje prijava po tekstu',
    'Automatsko usmjeravanje prijava prema tekstu',
    'Automatsko usmjeravanje prijava po tekstu',
    'Samodejno usmerjanje prijav po besedilu',
    'Routing reports by their text',
  ),
  'router.explain': m(
    'Prijave koje stignu SMS porukom, e-poštom ili bez izabrane kategorije model čita i, kada je dovoljno siguran, odmah ih šalje nadležnoj službi. Ostale idu dispečeru sa tri predloga. Model uči na prijavama čiju je kategoriju izabrao ili potvrdio čovek, svake noći iznova.',
    'Prijave koje stignu SMS porukom, e-poštom ili bez odabrane kategorije model čita i, kada je dovoljno siguran, odmah ih šalje nadležnoj službi. Ostale idu dispečeru s tri prijedloga. Model uči na prijavama čiju je kategoriju odabrao ili potvrdio čovjek, svake noći iznova.',
    'Prijave koje stignu SMS porukom, e-poštom ili bez odabrane kategorije model čita i, kada je dovoljno siguran, odmah ih šalje nadležnoj službi. Ostale idu dispečeru s tri prijedloga. Model uči na prijavama čiju je kategoriju odabrao ili potvrdio čovjek, svake noći iznova.',
    'Prijave koje stignu SMS porukom, e-poštom ili bez izabrane kategorije model čita i, kada je dovoljno siguran, odmah ih šalje nadležnoj službi. Ostale idu dispečeru sa tri predloga. Model uči na prijavama čiju je kategoriju izabrao ili potvrdio čovjek, svake noći iznova.',
    'Prijave, ki prispejo po SMS, e-pošti ali brez izbrane kategorije, model prebere in jih, ko je dovolj zanesljiv, takoj pošlje pristojni službi. Ostale gredo dispečerju s tremi predlogi. Model se vsako noč znova uči na prijavah, katerih kategorijo je izbral ali potrdil človek.',
    'Reports that arrive by SMS, e-mail or without a chosen category are read by the model and, when it is sure enough, sent straight to the responsible unit. The others go to the dispatcher with three suggestions. The model learns every night from reports whose category a person chose or confirmed.',
  ),
  'router.threshold': m(
    'Prag pouzdanosti (%)',
    'Prag pouzdanosti (%)',
    'Prag pouzdanosti (%)',
    'Prag pouzdanosti (%)',
    'Prag zanesljivosti (%)',
    'Confidence threshold (%)',
  ),
  'router.threshold_hint': m(
    'Prijava se usmerava bez dispečera kada je pouzdanost najboljeg predloga bar ovolika. Viši prag: manje automatski usmerenih, ali tačnije.',
    'Prijava se usmjerava bez dispečera kada je pouzdanost najboljeg prijedloga barem ovolika. Viši prag: manje automatski usmjerenih, ali tačnije.',
    'Prijava se usmjerava bez dispečera kada je pouzdanost najboljeg prijedloga barem ovolika. Viši prag: manje automatski usmjerenih, ali točnije.',
    'Prijava se usmjerava bez dispečera kada je pouzdanost najboljeg predloga bar ovolika. Viši prag: manje automatski usmjerenih, ali tačnije.',
    'Prijava se usmeri brez dispečerja, ko je zanesljivost najboljšega predloga vsaj tolikšna. Višji prag: manj samodejno usmerjenih, a bolj pravilno.',
    'A report is routed without the dispatcher when its best suggestion is at least this sure. A higher threshold routes fewer reports automatically, more of them right.',
  ),
  'router.thresholds_caption': m(
    'Šta bi model {version} uradio na prijavama na kojima nije učio',
    'Šta bi model {version} uradio na prijavama na kojima nije učio',
    'Što bi model {version} napravio na prijavama na kojima nije učio',
    'Šta bi model {version} uradio na prijavama na kojima nije učio',
    'Kaj bi model {version} naredil na prijavah, na katerih se ni učil',
    'What model {version} would have done on reports it did not learn from',
  ),
  'router.coverage': m(
    'Udeo usmeren automatski',
    'Udio usmjeren automatski',
    'Udio usmjeren automatski',
    'Udio usmjeren automatski',
    'Delež samodejno usmerjenih',
    'Share routed automatically',
  ),
  'router.precision_auto': m('Od toga tačno', 'Od toga tačno', 'Od toga točno', 'Od toga tačno', 'Od tega pravilno', 'Of those, right'),
  'router.train_now': m('Nauči model sada', 'Nauči model sada', 'Nauči model sada', 'Nauči model sada', 'Nauči model zdaj', 'Train now'),
  'router.no_model': m(
    'Model još nije naučen: sve prijave bez kategorije idu dispečeru.',
    'Model još nije naučen: sve prijave bez kategorije idu dispečeru.',
    'Model još nije naučen: sve prijave bez kategorije idu dispečeru.',
    'Model još nije naučen: sve prijave bez kategorije idu dispečeru.',
    'Model še ni naučen: vse prijave brez kategorije gredo dispečerju.',
    'No model has been trained yet: every report without a category goes to the dispatcher.',
  ),
  'router.model_title': m(
    'Model {version}, naučen {time}',
    'Model {version}, naučen {time}',
    'Model {version}, naučen {time}',
    'Model {version}, naučen {time}',
    'Model {version}, naučen {time}',
    'Model {version}, trained {time}',
  ),
  'router.in_use': m('u upotrebi', 'u upotrebi', 'u uporabi', 'u upotrebi', 'v uporabi', 'in use'),
  'router.sizes': m(
    'Prijava za učenje: {training} · za proveru: {heldOut}',
    'Prijava za učenje: {training} · za provjeru: {heldOut}',
    'Prijava za učenje: {training} · za provjeru: {heldOut}',
    'Prijava za učenje: {training} · za provjeru: {heldOut}',
    'Prijav za učenje: {training} · za preverjanje: {heldOut}',
    'Reports learned from: {training} · held out for testing: {heldOut}',
  ),
  'router.support': m('Broj prijava', 'Broj prijava', 'Broj prijava', 'Broj prijava', 'Število prijav', 'Reports'),
  'router.precision': m('Preciznost', 'Preciznost', 'Preciznost', 'Preciznost', 'Natančnost', 'Precision'),
  'router.recall': m('Odziv', 'Odziv', 'Odziv', 'Odziv', 'Priklic', 'Recall'),
  'router.confusions': m('Najčešće zamene', 'Najčešće zamjene', 'Najčešće zamjene', 'Najčešće zamjene', 'Najpogostejše zamenjave', 'Most common confusions'),
  'router.confusion': m(
    '{actual} → {predicted} (broj: {count})',
    '{actual} → {predicted} (broj: {count})',
    '{actual} → {predicted} (broj: {count})',
    '{actual} → {predicted} (broj: {count})',
    '{actual} → {predicted} (število: {count})',
    '{actual} → {predicted} ({count})',
  ),
  'router.suggested_categories': m(
    'Predložene kategorije',
    'Predložene kategorije',
    'Predložene kategorije',
    'Predložene kategorije',
    'Predlagane kategorije',
    'Suggested categories',
  ),
  'router.change_category': m(
    'Promena kategorije',
    'Promjena kategorije',
    'Promjena kategorije',
    'Promjena kategorije',
    'Sprememba kategorije',
    'Change the category',
  ),
  'router.category_reason': m(
    'Zašto druga kategorija (nije obavezno)',
    'Zašto druga kategorija (nije obavezno)',
    'Zašto druga kategorija (nije obvezno)',
    'Zašto druga kategorija (nije obavezno)',
    'Zakaj druga kategorija (neobvezno)',
    'Why another category (optional)',
  ),
  'router.change_category_button': m(
    'Promeni kategoriju',
    'Promijeni kategoriju',
    'Promijeni kategoriju',
    'Promijeni kategoriju',
    'Spremeni kategorijo',
    'Change category',
  ),
  'router.done_recategorise': m(
    'Kategorija: {category}. Prijava je sada kod: {unit}.',
    'Kategorija: {category}. Prijava je sada kod: {unit}.',
    'Kategorija: {category}. Prijava je sada kod: {unit}.',
    'Kategorija: {category}. Prijava je sada kod: {unit}.',
    'Kategorija: {category}. Prijava je zdaj pri: {unit}.',
    'Category: {category}. The report is now with: {unit}.',
  ),
  'router.model_said': m(
    'Model {version} je predložio (pouzdanost {confidence}):',
    'Model {version} je predložio (pouzdanost {confidence}):',
    'Model {version} je predložio (pouzdanost {confidence}):',
    'Model {version} je predložio (pouzdanost {confidence}):',
    'Model {version} je predlagal (zanesljivost {confidence}):',
    'Model {version} suggested (confidence {confidence}):',
  ),
} as const;

// Its keys become message keys for the compiler (the table itself is added by src/catalogue.ts).
declare module '../i18n/catalog.ts' {
  interface MessageCatalogue extends Record<keyof typeof ROUTER_MESSAGES, true> {}
}
