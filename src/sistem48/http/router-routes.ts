/** HTTP for the report router: suggestions for a text (staff, API clients, the public form), the models and training (administrators). */
import type { Ctx } from '../../kernel/context.ts';
import { requireActor } from '../../http/auth.ts';
import { idParams, text, type RouteApp } from '../../http/schemas.ts';
import { recategoriseReport } from '../commands/recategorise-report.ts';
import { classifyReportText, routerModels } from '../queries/router.ts';
import { trainRouter } from '../commands/train-router.ts';

const tags = ['sistem48'];
const P = '/api/v1/sistem48';
const suggestion = {
  type: 'object',
  additionalProperties: false,
  required: ['category', 'confidence'],
  properties: { category: { type: 'string', description: 'category code' }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
} as const;
const classifyBody = { type: 'object', additionalProperties: false, required: ['text'], properties: { text: text(5000) } } as const;
const classifyAnswer = {
  200: {
    type: 'object',
    additionalProperties: false,
    required: ['modelVersion', 'suggestions', 'autoRoute'],
    properties: {
      modelVersion: { type: ['integer', 'null'], description: 'the model that answered; null before the first training' },
      suggestions: { type: 'array', maxItems: 3, items: suggestion },
      autoRoute: { type: 'boolean', description: "the top confidence reaches the administrator's threshold: such a report is routed without the dispatcher" },
    },
  },
} as const;

export function routerRoutes(app: RouteApp, ctx: Ctx) {
  app.post(
    `${P}/classify`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: "Suggested categories for a report's text (staff who file reports; API tokens with the open311 or cases:write scope)",
        body: classifyBody,
        response: classifyAnswer,
      },
    },
    async (req) => classifyReportText(ctx, requireActor(req), req.body.text),
  );

  app.post(
    `${P}/public/classify`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Suggested categories as a citizen types the description (the citizen still chooses)',
        body: classifyBody,
        response: classifyAnswer,
      },
    },
    async (req) => classifyReportText(ctx, null, req.body.text),
  );

  app.post(
    `${P}/reports/:id/category`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary:
          "The dispatcher's correction: give the report another category and route it by that category's rules (recorded as case.rerouted; a training example for the router)",
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['category'],
          properties: { category: { type: 'string', minLength: 1, maxLength: 100 }, reason: text(2000, 0) },
        } as const,
      },
    },
    async (req) => recategoriseReport(ctx, requireActor(req), { caseId: req.params.id, ...req.body }),
  );

  app.get(
    `${P}/router/models`,
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Trained report-router models with their evaluation on held-out reports, and the auto-route threshold' },
    },
    async (req) => routerModels(ctx, requireActor(req)),
  );

  app.post(
    `${P}/router/train`,
    { config: { auth: 'staff' }, schema: { tags, summary: "Train the report router now on the municipality's confirmed reports" } },
    async (req) => {
      const r = await trainRouter(ctx, requireActor(req));
      return { version: r.version, trainingSize: r.trainingSize, heldOutSize: r.heldOutSize, evaluation: r.evaluation };
    },
  );
}
