/**
 * What a category promises, said on the public form and the report page: "an answer by Tuesday 10 March,
 * 10:00 (within 48 working hours)". The time comes from the server, computed by the clock a filed report
 * runs on (working hours, holidays, the municipality's zone), and is shown on the municipality's clock.
 */
import { useEffect, useState } from 'react';
import { call, ENDPOINTS } from '../../api.ts';
import { useI18n } from '../../i18n.ts';

interface AnswerTimeAnswer {
  hours: number;
  clock: 'calendar' | 'working';
  dueAt: string;
}

export function AnswerTime({ category }: { category: string }) {
  const { t, dateTime } = useI18n();
  const [answer, setAnswer] = useState<AnswerTimeAnswer | null>(null);
  useEffect(() => {
    setAnswer(null);
    let live = true;
    call<AnswerTimeAnswer>(ENDPOINTS.s48PublicAnswerTime, { params: { code: category } }).then(
      (a) => {
        if (live) setAnswer(a);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [category]);
  return (
    <p className="s48-answer-time" role="status" data-testid="answer-time">
      {answer
        ? t(answer.clock === 'working' ? 's48a.answer_by_working' : 's48a.answer_by_calendar', { date: dateTime(answer.dueAt), hours: answer.hours })
        : ''}
    </p>
  );
}

/** The promise a filed report runs on, as its page states it. */
export function promiseText(t: ReturnType<typeof useI18n>['t'], sla: { hours: number; clock: 'calendar' | 'working' }) {
  return t(sla.clock === 'working' ? 's48a.promise_working' : 's48a.promise_calendar', { hours: sla.hours });
}
