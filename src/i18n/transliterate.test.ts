import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cyrToLat, latToCyr } from './transliterate.ts';

test('cyrToLat maps every Serbian Cyrillic letter, lower and upper case', () => {
  assert.equal(cyrToLat('абвгдђежзијклљмнњопрстћуфхцчџш'), 'abvgdđežzijklljmnnjoprstćufhcčdžš');
  assert.equal(cyrToLat('АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ'), 'ABVGDĐEŽZIJKLLJMNNJOPRSTĆUFHCČDŽŠ');
});

test('cyrToLat writes Љ, Њ, Џ as LJ, NJ, DŽ in all-caps words and Lj, Nj, Dž otherwise', () => {
  assert.equal(cyrToLat('ЉУБИША'), 'LJUBIŠA');
  assert.equal(cyrToLat('Љубиша'), 'Ljubiša');
  assert.equal(cyrToLat('ЏЕП'), 'DŽEP');
  assert.equal(cyrToLat('Џеп'), 'Džep');
  assert.equal(cyrToLat('ЊЕГОШ'), 'NJEGOŠ');
  // Each word is judged on its own, so a shouted surname beside a normal first name works.
  assert.equal(cyrToLat('Љубиша ЉУБИШИЋ, Џ. Њ.'), 'Ljubiša LJUBIŠIĆ, Dž. Nj.');
});

test('cyrToLat leaves Latin text, digits and punctuation alone', () => {
  assert.equal(cyrToLat('Предмет 351-12/2025 (Viber)'), 'Predmet 351-12/2025 (Viber)');
});

test('latToCyr joins lj, nj, dž into one letter in every case combination', () => {
  assert.equal(latToCyr('ljubav njiva džep'), 'љубав њива џеп');
  assert.equal(latToCyr('Ljubav Njiva Džep'), 'Љубав Њива Џеп');
  assert.equal(latToCyr('LJUBIŠA NJEGOŠ DŽEP'), 'ЉУБИША ЊЕГОШ ЏЕП');
  assert.equal(latToCyr('Đorđević Ćićević Šćepanović'), 'Ђорђевић Ћићевић Шћепановић');
});

test('latToCyr keeps n+j and d+ž apart where a prefix ends before the stem', () => {
  assert.equal(latToCyr('injekcija'), 'инјекција');
  assert.equal(latToCyr('konjunkcija'), 'конјункција');
  assert.equal(latToCyr('Tanjug'), 'Танјуг');
  assert.equal(latToCyr('panjevropski'), 'панјевропски');
  assert.equal(latToCyr('nadživeti'), 'надживети');
  assert.equal(latToCyr('Podžupan'), 'Поджупан');
  assert.equal(latToCyr('PODŽUPAN'), 'ПОДЖУПАН');
  assert.equal(latToCyr('podželudačna'), 'поджелудачна');
});

test('latToCyr still merges the digraph in look-alike words outside the exception list', () => {
  assert.equal(latToCyr('odžak'), 'оџак');
  assert.equal(latToCyr('konj'), 'коњ');
  assert.equal(latToCyr('injekcija konjem'), 'инјекција коњем');
});

test('latToCyr leaves placeholders, URLs, e-mail addresses and domains untouched', () => {
  assert.equal(latToCyr('Poštovani {ime}, predmet {broj} je primljen.'), 'Поштовани {ime}, предмет {broj} је примљен.');
  assert.equal(latToCyr('Pratite ga na https://glas.example/t/ABC'), 'Пратите га на https://glas.example/t/ABC');
  assert.equal(
    latToCyr('Pišite na pisarnica@opstina-tivat.me ili posetite www.tivat.me/portal.'),
    'Пишите на pisarnica@opstina-tivat.me или посетите www.tivat.me/portal.',
  );
  assert.equal(latToCyr('Portal glas.opstina.rs radi.'), 'Портал glas.opstina.rs ради.');
});

test('latToCyr leaves words with q, w, x or y in Latin', () => {
  assert.equal(latToCyr('Pošaljite na WhatsApp ili Wi-Fi'), 'Пошаљите на WhatsApp или Wi-Fi');
  assert.equal(latToCyr('Veb-portal i SMS'), 'Веб-портал и СМС');
});

test('latToCyr handles Montenegrin ś and ź and the single-character digraphs', () => {
  assert.equal(latToCyr('śutra iźesti'), 'с\u0301утра из\u0301ести');
  assert.equal(latToCyr('ǅep ǈubav ǋiva ǌiva'), 'Џеп Љубав Њива њива');
});

test('round trips preserve Cyrillic and Latin text, digraph exceptions included', () => {
  const cyrillic = ['Љубиша Њежић, ЏЕП, ЉУБИША', 'Инјекција и конјункција у поджупановој канцеларији', 'Опште одељење, предмет бр. 351-12/2025', 'с\u0301утра'];
  for (const s of cyrillic) assert.equal(latToCyr(cyrToLat(s)), s.normalize('NFC'));
  const latin = ['Ljubiša Nježić, DŽEP, LJUBIŠA', 'Injekcija i konjunkcija u podžupanovoj kancelariji', 'Đurđevdan, Ćuprija, Šabac, Žabalj, Čačak', 'śutra'];
  for (const s of latin) assert.equal(cyrToLat(latToCyr(s)), s);
});
