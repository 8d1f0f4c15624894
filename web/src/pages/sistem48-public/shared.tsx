/** Pieces the public Sistem 48 screens share: the cached map settings and categories, and the 48-hour clock in words. */
import { Component, useEffect, useState, type ReactNode } from 'react';
import { useI18n, type I18n } from '../../i18n.ts';
import { s48PublicApi, type FirstResponse, type MapSettings, type PublicCategory } from './s48-public-api.ts';

let settingsOnce: Promise<MapSettings> | null = null;

/** The map settings, asked once per page load: they change only when the administrator changes them. */
export function useMapSettings(): MapSettings | null {
  const [s, setS] = useState<MapSettings | null>(null);
  useEffect(() => {
    let live = true;
    settingsOnce ??= s48PublicApi.mapSettings().catch((e: unknown) => {
      settingsOnce = null;
      throw e;
    });
    settingsOnce.then(
      (v) => {
        if (live) setS(v);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  return s;
}

/** The categories in the screen's language; asked again when the language changes. */
export function useCategories(): PublicCategory[] | null {
  const { locale } = useI18n();
  const [items, setItems] = useState<PublicCategory[] | null>(null);
  useEffect(() => {
    let live = true;
    s48PublicApi.categories().then(
      (r) => {
        if (live) setItems(r.items);
      },
      () => {
        if (live) setItems([]);
      },
    );
    return () => {
      live = false;
    };
  }, [locale]);
  return items;
}

/** The 48-hour clock as the API gives it, in words: due by, due soon, overdue, or answered (late). */
export function clockText(c: FirstResponse, { t, dateTime }: I18n): string {
  switch (c.state) {
    case 'answered':
      return t(c.answeredLate ? 's48p.clock_answered_late' : 's48p.clock_answered', { date: dateTime(c.answeredAt) });
    case 'breached':
      return t('s48p.clock_breached', { date: dateTime(c.dueAt) });
    case 'warning':
      return t('s48p.clock_warning', { date: dateTime(c.dueAt) });
    default:
      return t('s48p.clock_ok', { date: dateTime(c.dueAt) });
  }
}

// The icons categories name (see the demo and the administration screen), as pictures every phone has.
const ICONS: Record<string, string> = {
  lightbulb: '💡',
  road: '🛣️',
  trash: '🗑️',
  droplet: '💧',
  dumpster: '🚮',
  paw: '🐾',
  question: '❓',
  alert: '⚠️',
  tree: '🌳',
  car: '🚗',
  sign: '🚧',
  water: '💧',
  bench: '🪑',
  playground: '🛝',
  snow: '❄️',
  noise: '🔊',
  graffiti: '🎨',
};
export const categoryIcon = (icon: string) => ICONS[icon] ?? '📍';

/** Renders nothing instead of its children when they fail: the map is a help, never a requirement. */
export class Optional extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
