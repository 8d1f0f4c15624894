/**
 * Importing report history (issue 16): the administrator picks a CSV or XLSX file, sees its first rows and
 * every problem found (nothing is written), and imports it; the same file is sent again, and the server
 * checks it afresh. Below, the earlier imports.
 */
import { useState, type FormEvent } from 'react';
import { call, ENDPOINTS, type ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Loading } from '../../components/common.tsx';
import { Field, FormError } from '../../components/form.tsx';
import { useList } from './shared.tsx';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from '../../../../src/sistem48/domain/import-columns.ts';

interface ImportAnswer {
  ok: boolean;
  imported: boolean;
  toCreate: number;
  problems: { line: number; reason: string }[];
  problemCount: number;
  preview: { line: number; receivedAt: string | null; category: string; text: string; status: string | null; unit: string | null; alreadyImported: boolean }[];
  messages: string[];
}

interface ImportRun {
  id: string;
  fileName: string;
  importedAt: string;
  importedBy: string | null;
  rows: number;
  created: number;
  alreadyImported: number;
}

function send(file: File, mode: 'preview' | 'import', createCategories: boolean) {
  const form = new FormData();
  // The fields before the file: the server reads them with it.
  form.append('mode', mode);
  form.append('createCategories', String(createCategories));
  form.append('file', file, file.name);
  return call<ImportAnswer>(ENDPOINTS.s48sImport, { form });
}

export function ReportImport() {
  const { t, dateTime } = useI18n();
  const runs = useList(() => call<{ items: ImportRun[] }>(ENDPOINTS.s48sImports));
  const [file, setFile] = useState<File | null>(null);
  const [createCategories, setCreateCategories] = useState(false);
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const [done, setDone] = useState<ImportAnswer | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setAnswer(null);
    setDone(null);
    setError(null);
  };
  async function run(mode: 'preview' | 'import') {
    if (!file) return;
    setBusy(mode);
    setError(null);
    try {
      const a = await send(file, mode, createCategories);
      if (mode === 'preview') setAnswer(a);
      else {
        setDone(a);
        setAnswer(null);
        void runs.reload();
      }
    } catch (e) {
      const err = e as ApiError;
      // A refused import answers with the same report as a preview: show it.
      const details = err.details as Partial<ImportAnswer> | null;
      if (details && Array.isArray(details.problems)) setAnswer(details as ImportAnswer);
      setError(err.message);
    } finally {
      setBusy(null);
    }
  }
  function check(e: FormEvent) {
    e.preventDefault();
    void run('preview');
  }

  return (
    <>
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{t('s48s.import_title')}</h2>
        <p>
          {t('s48s.import_intro', {
            csv: 'CSV',
            utf8: 'UTF-8',
            xlsx: 'XLSX',
            required: REQUIRED_COLUMNS.join(', '),
            optional: OPTIONAL_COLUMNS.join(', '),
          })}
        </p>
        <form onSubmit={check} noValidate>
          <Field id="import-file" label={t('s48s.import_file')}>
            <input
              id="import-file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                reset();
              }}
            />
          </Field>
          <p>
            <label>
              <input
                type="checkbox"
                checked={createCategories}
                onChange={(e) => {
                  setCreateCategories(e.currentTarget.checked);
                  reset();
                }}
              />{' '}
              {t('s48s.import_create_categories')}
            </label>
          </p>
          <FormError message={error} />
          <p className="actions">
            <button type="submit" disabled={!file || busy !== null} data-testid="import-check">
              {t('s48s.import_check')}
            </button>{' '}
            {answer?.ok && answer.toCreate > 0 ? (
              <button type="button" className="primary" disabled={busy !== null} onClick={() => void run('import')} data-testid="import-confirm">
                {t('s48s.import_confirm', { n: answer.toCreate })}
              </button>
            ) : null}
          </p>
          {busy ? (
            <p role="status">
              {busy === 'import' ? t('s48s.import_working') : null}
              <Loading />
            </p>
          ) : null}
        </form>
        {done ? (
          <div role="status" data-testid="import-done">
            {done.messages.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        ) : null}
        {answer ? <Preview answer={answer} /> : null}
      </section>
      <section className="card" aria-labelledby="import-history">
        <h2 id="import-history">{t('s48s.import_history')}</h2>
        <FormError message={runs.error} />
        {runs.items === null ? (
          <Loading />
        ) : runs.items.length === 0 ? (
          <p className="empty">{t('s48s.import_none')}</p>
        ) : (
          <table role="table" className="responsive" data-testid="imports">
            <thead role="rowgroup">
              <tr role="row">
                {(['s48s.import_when', 's48s.import_file', 's48s.import_by', 's48s.import_rows', 's48s.import_created', 's48s.import_already'] as const).map(
                  (k) => (
                    <th scope="col" role="columnheader" key={k}>
                      {t(k)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody role="rowgroup">
              {runs.items.map((r) => (
                <tr role="row" key={r.id}>
                  <td role="cell" data-label={t('s48s.import_when')}>
                    {dateTime(r.importedAt)}
                  </td>
                  <td role="cell" data-label={t('s48s.import_file')}>
                    {r.fileName}
                  </td>
                  <td role="cell" data-label={t('s48s.import_by')}>
                    {r.importedBy ?? '—'}
                  </td>
                  <td role="cell" data-label={t('s48s.import_rows')}>
                    {r.rows}
                  </td>
                  <td role="cell" data-label={t('s48s.import_created')}>
                    {r.created}
                  </td>
                  <td role="cell" data-label={t('s48s.import_already')}>
                    {r.alreadyImported}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function Preview({ answer }: { answer: ImportAnswer }) {
  const { t, dateTime } = useI18n();
  return (
    <>
      <div data-testid="import-summary">
        {answer.messages.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
      {answer.problemCount > 0 ? (
        <>
          <h3>{t('s48s.import_problems', { n: answer.problemCount })}</h3>
          <ul data-testid="import-problems">
            {answer.problems.map((p, k) => (
              <li key={`${p.line}-${k}`}>{p.reason}</li>
            ))}
          </ul>
          {answer.problemCount > answer.problems.length ? <p>{t('s48s.import_problems_more', { shown: answer.problems.length })}</p> : null}
        </>
      ) : null}
      {answer.preview.length ? (
        <>
          <h3>{t('s48s.import_preview')}</h3>
          <table role="table" className="responsive" data-testid="import-preview">
            <thead role="rowgroup">
              <tr role="row">
                {(['s48s.import_line', 's48s.import_received', 'ws.category', 's48s.import_text', 'ui.status', 'ui.unit', 's48s.import_already'] as const).map(
                  (k) => (
                    <th scope="col" role="columnheader" key={k}>
                      {t(k)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody role="rowgroup">
              {answer.preview.map((r) => (
                <tr role="row" key={r.line}>
                  <td role="cell" data-label={t('s48s.import_line')}>
                    {r.line}
                  </td>
                  <td role="cell" data-label={t('s48s.import_received')}>
                    {dateTime(r.receivedAt)}
                  </td>
                  <td role="cell" data-label={t('ws.category')}>
                    {r.category}
                  </td>
                  <td role="cell" data-label={t('s48s.import_text')}>
                    {r.text}
                  </td>
                  <td role="cell" data-label={t('ui.status')}>
                    {r.status ? t(`status.${r.status}` as Parameters<typeof t>[0]) : '—'}
                  </td>
                  <td role="cell" data-label={t('ui.unit')}>
                    {r.unit ?? '—'}
                  </td>
                  <td role="cell" data-label={t('s48s.import_already')}>
                    {r.alreadyImported ? t('ui.yes') : t('ui.no')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
