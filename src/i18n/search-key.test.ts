import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchKey } from './search-key.ts';

test('searchKey gives one key for Đorđević in any script, case or spelling', () => {
  for (const s of ['Đorđević', 'Djordjevic', 'Ђорђевић', 'DJORDJEVIĆ', 'ĐORĐEVIĆ', 'djordjević']) {
    assert.equal(searchKey(s), 'djordjevic', s);
  }
});

test('searchKey folds č, ć, š, ž and Cyrillic to plain ASCII', () => {
  for (const s of ['Čačak', 'Cacak', 'Чачак', 'ČAČAK']) assert.equal(searchKey(s), 'cacak', s);
  assert.equal(searchKey('Šćepan Žižić'), 'scepan zizic');
  assert.equal(searchKey('Џеп'), 'dzep');
  assert.equal(searchKey('Љубљана'), 'ljubljana');
});

test('searchKey strips other diacritics and keeps the letters', () => {
  assert.equal(searchKey('Crème Brûlée'), 'creme brulee');
  assert.equal(searchKey('Łódź'), 'lodz');
});

test('searchKey collapses whitespace and trims', () => {
  assert.equal(searchKey('  Kralja \t Petra\nI  '), 'kralja petra i');
});

test('searchKey keeps different names apart', () => {
  assert.notEqual(searchKey('Đorđević'), searchKey('Đorić'));
  assert.notEqual(searchKey('Ćosić'), searchKey('Ćorić'));
});
