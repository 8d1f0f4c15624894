/**
 * The report router for the administrator: the threshold of confidence at or above which a report in
 * the catch-all category is categorised and routed without the dispatcher, what each threshold would
 * have done on reports the model did not learn from, and every trained model with its evaluation
 * (top-1, top-3, macro-F1, each category's precision and recall, the commonest confusions).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ws, type Category, type RouterModel } from '../../api-workspace.ts';
import { useI18n } from '../../i18n.ts';
import { Loading } from '../../components/common.tsx';
import { Field, FormError, useFormErrors } from '../../components/form.tsx';
import { useSavedNotice } from './shared.tsx';

export function Router() {
  const { t, dateTime, localName, intlLocale } = useI18n();
  const [models, setModels] = useState<RouterModel[] | null>(null);
  const [threshold, setThreshold] = useState('');
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['autoRouteThreshold'] as const);
  const saved = useSavedNotice();
  const pct = new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 1 });
  const load = () =>
    ws.routerModels().then(
      (r) => {
        setModels(r.models);
        setThreshold(String(Math.round(r.autoRouteThreshold * 100)));
      },
      (e: Error) => setLoadError(e.message),
    );
  useEffect(() => {
    void load();
    ws.categories().then(
      (r) => setNames(new Map(r.items.map((c: Category) => [c.code, localName(c.name)]))),
      () => {},
    );
  }, []);
  const nameOf = (code: string) => names.get(code) ?? code;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!f.required({ autoRouteThreshold: [threshold, t('router.threshold')] })) return;
    setBusy(true);
    try {
      await ws.updateSettings({ autoRouteThreshold: Number(threshold) / 100 });
      saved.notify();
      await load();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  async function train() {
    setBusy(true);
    try {
      await ws.trainRouter();
      await load();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  }
  if (loadError) return <FormError message={loadError} />;
  if (!models) return <Loading />;
  const latest = models[0];
  return (
    <>
      <form onSubmit={save} noValidate className="card" aria-labelledby="router-threshold-title">
        <h2 id="router-threshold-title">{t('router.title')}</h2>
        <p>{t('router.explain')}</p>
        {saved.node}
        <FormError message={f.formError} />
        <Field id="router-threshold" label={t('router.threshold')} hint={t('router.threshold_hint')} error={f.errors.autoRouteThreshold}>
          <input type="number" min={1} max={100} inputMode="numeric" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        </Field>
        {latest ? (
          <table role="table" className="responsive" data-testid="router-thresholds">
            <caption>{t('router.thresholds_caption', { version: latest.version })}</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col">{t('router.threshold')}</th>
                <th scope="col">{t('router.coverage')}</th>
                <th scope="col">{t('router.precision_auto')}</th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {latest.evaluation.thresholds.map((p) => (
                <tr role="row" key={p.threshold}>
                  <td role="cell" data-label={t('router.threshold')}>
                    {pct.format(p.threshold)}
                  </td>
                  <td role="cell" data-label={t('router.coverage')}>
                    {pct.format(p.coverage)}
                  </td>
                  <td role="cell" data-label={t('router.precision_auto')}>
                    {pct.format(p.precision)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.save')}
        </button>{' '}
        <button type="button" disabled={busy} onClick={() => void train()}>
          {t('router.train_now')}
        </button>
      </form>
      {models.length === 0 ? <p className="card">{t('router.no_model')}</p> : null}
      {models.map((m, i) => (
        <section key={m.version} className="card" aria-labelledby={`router-model-${m.version}`} data-testid="router-model">
          <h2 id={`router-model-${m.version}`}>
            {t('router.model_title', { version: m.version, time: dateTime(m.trainedAt) })}
            {i === 0 ? ` · ${t('router.in_use')}` : ''}
          </h2>
          <p>
            {t('router.sizes', { training: m.trainingSize, heldOut: m.heldOutSize })} · top-1 {pct.format(m.evaluation.top1)} · top-3{' '}
            {pct.format(m.evaluation.top3)} · macro-F1 {m.evaluation.macroF1.toFixed(3)}
          </p>
          {i === 0 ? (
            <>
              <table role="table" className="responsive">
                <thead role="rowgroup">
                  <tr role="row">
                    <th scope="col">{t('ws.category')}</th>
                    <th scope="col">{t('router.support')}</th>
                    <th scope="col">{t('router.precision')}</th>
                    <th scope="col">{t('router.recall')}</th>
                  </tr>
                </thead>
                <tbody role="rowgroup">
                  {m.evaluation.perCategory.map((c) => (
                    <tr role="row" key={c.category}>
                      <td role="cell" data-label={t('ws.category')}>
                        {nameOf(c.category)}
                      </td>
                      <td role="cell" data-label={t('router.support')}>
                        {c.support}
                      </td>
                      <td role="cell" data-label={t('router.precision')}>
                        {pct.format(c.precision)}
                      </td>
                      <td role="cell" data-label={t('router.recall')}>
                        {pct.format(c.recall)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {m.evaluation.confusions.length ? (
                <>
                  <h3>{t('router.confusions')}</h3>
                  <ul className="plain">
                    {m.evaluation.confusions.slice(0, 10).map((c) => (
                      <li key={`${c.actual}-${c.predicted}`}>
                        {t('router.confusion', { actual: nameOf(c.actual), predicted: nameOf(c.predicted), count: c.count })}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          ) : null}
        </section>
      ))}
    </>
  );
}
