import { z } from 'zod';
import { isProvinceCode, NATION_CODE } from '../units/unit-code';

/**
 * A pull connector is data, not code (docs/connectors.md): where to fetch, how to sign in, when, what format the
 * answer has, where its records are and how each record becomes observations. Validated at save time with this
 * schema; an error names the field (`mapping.observations.0.value.num: …`).
 */

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** A field of a record: a column header (CSV, XLSX) or a dotted path into a JSON record (`dept.code`). */
const field = z.string().trim().min(1).max(200);
const headerName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'an HTTP header name (letters, digits, -)');
const secret = z.string().min(1).max(2048);

export const connectorAuth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z.object({ type: z.literal('bearer'), token: secret }).strict(),
  z.object({ type: z.literal('basic'), username: z.string().min(1).max(256), password: secret }).strict(),
  z.object({ type: z.literal('api-key'), header: headerName, value: secret }).strict(),
  /** A provincial LGSP: the application's name and two keys, each in a named header (AppName / AccessKey / SecretKey by default). */
  z
    .object({
      type: z.literal('lgsp'),
      appName: z.string().min(1).max(256),
      accessKey: secret,
      secretKey: secret,
      headers: z
        .object({ appName: headerName.default('AppName'), accessKey: headerName.default('AccessKey'), secretKey: headerName.default('SecretKey') })
        .strict()
        .default({ appName: 'AppName', accessKey: 'AccessKey', secretKey: 'SecretKey' }),
    })
    .strict(),
]);
export type ConnectorAuth = z.infer<typeof connectorAuth>;

/** Five-field cron (minute hour day month weekday), read in Asia/Ho_Chi_Minh; the fields are checked by the scheduler's parser at save. */
const CRON = /^\S+( \S+){4}$/;
export const connectorSchedule = z.union([
  z.object({ everyMinutes: z.number().int().min(1).max(7 * 24 * 60) }).strict(),
  z.object({ cron: z.string().trim().regex(CRON, 'a five-field cron expression, e.g. "0 7 * * *"') }).strict(),
]);
export type ConnectorSchedule = z.infer<typeof connectorSchedule>;

export const connectorFormat = z.discriminatedUnion('type', [
  /** `records`: a dotted path to the array of records (`data.items`); empty when the answer is the array itself. */
  z.object({ type: z.literal('json'), records: z.string().max(200).default('') }).strict(),
  z
    .object({
      type: z.literal('csv'),
      /** Field separator; `auto` takes `;` when the header line has one, else `,`. */
      delimiter: z.enum([',', ';', '\t', 'auto']).default('auto'),
    })
    .strict(),
  z
    .object({
      type: z.literal('xlsx'),
      /** A sheet's name, or its 1-based position; the first sheet by default. */
      sheet: z.union([z.string().min(1).max(100), z.number().int().min(1).max(1000)]).default(1),
      /** The row (1-based) that holds the column headers; records start below it. */
      headerRow: z.number().int().min(1).max(1000).default(1),
    })
    .strict(),
]);
export type ConnectorFormat = z.infer<typeof connectorFormat>;

/** How a record names its unit: `auto` tries each in turn (official code, portal code, pre-2025 code, name). */
export const unitNaming = z.enum(['auto', 'code', 'dvcqg', 'legacy', 'name']);
export type UnitNaming = z.infer<typeof unitNaming>;

/** A constant, or the value of a field of each record. */
const constOrField = z.union([z.object({ const: z.string().min(1).max(200) }).strict(), z.object({ field }).strict()]);

/** The figure itself, in the shape its indicator's kind needs: value (sum, max, official), num/den (ratio), value/weight (wmean). */
export const valueMapping = z.union([
  z.object({ num: field, den: field }).strict(),
  z.object({ value: field, weight: field }).strict(),
  z.object({ value: field }).strict(),
]);
export type ValueMapping = z.infer<typeof valueMapping>;

export const observationMapping = z
  .object({
    indicator: constOrField,
    value: valueMapping,
  })
  .strict();
export type ObservationMapping = z.infer<typeof observationMapping>;

export const recordMapping = z
  .object({
    unit: z
      .object({
        field,
        naming: unitNaming.default('auto'),
        /** Names are matched within this unit (a province code): commune names repeat across provinces. */
        within: z.string().refine((c) => c === NATION_CODE || isProvinceCode(c), 'a province code (2 digits) or VN').optional(),
      })
      .strict(),
    /**
     * The period: a constant, a field, or `pull`: the period (of each indicator's kind) that holds the moment of the
     * pull, in Viet Nam time.
     */
    period: z.union([constOrField, z.literal('pull')]).default('pull'),
    /** When it was observed: a field (ISO 8601 with offset, or epoch ms), or `pull`: the time of the pull. */
    observedAt: z.union([z.object({ field }).strict(), z.literal('pull')]).default('pull'),
    /** One record gives one observation per entry (a row with a column per indicator gives several). */
    observations: z.array(observationMapping).min(1).max(60),
    /** Numbers written as text: `.` (1234.5) or `,` (1.234,5) as the decimal mark. */
    decimal: z.enum(['.', ',']).default('.'),
  })
  .strict();
export type RecordMapping = z.infer<typeof recordMapping>;

export const connectorRequest = z
  .object({
    url: z
      .string()
      .url()
      .max(2048)
      .refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL'),
    method: z.enum(['GET', 'POST']).default('GET'),
    /** A POST's JSON body. */
    body: z.unknown().optional(),
    /** Extra headers (not the credentials: those go in `auth`). */
    headers: z.record(headerName, z.string().max(2048)).default({}),
    /** Per attempt; a pull that takes longer fails with `timeout`. */
    timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  })
  .strict();
export type ConnectorRequest = z.infer<typeof connectorRequest>;

const base = {
  id: z.string().regex(ID, 'lower-case letters, digits and -, at most 63 characters'),
  name: z.string().trim().min(1).max(200),
  /** The source the connector owns: the units (and everything below them) and indicators it may report. */
  scope: z
    .object({
      units: z.array(z.string().min(1).max(16)).min(1).max(100),
      indicators: z.union([z.literal('*'), z.array(z.string().min(1).max(100)).min(1).max(200)]),
    })
    .strict(),
  schedule: connectorSchedule,
  auth: connectorAuth.default({ type: 'none' }),
  /** Tries of one run after the first fails on the network, a timeout or a 5xx/429 (with exponential backoff). */
  retries: z.number().int().min(0).max(10).default(2),
  /**
   * `false` (the default): a pull with any rejected record is refused whole and writes nothing, like a batch.
   * `true`: the valid records are applied and the rejected ones listed.
   */
  acceptPartial: z.boolean().default(false),
  paused: z.boolean().default(false),
};

/** A generic connector: any HTTP API or file that answers JSON, CSV or XLSX. */
export const genericConnector = z
  .object({
    ...base,
    adapter: z.literal('generic').default('generic'),
    request: connectorRequest,
    format: connectorFormat,
    mapping: recordMapping,
  })
  .strict();

/** The 766 endpoints the adapter reads (shared/domain/indicators.md §4.1). */
export const DVCQG_ENDPOINTS = ['service-results', 'dvc-progress-tree', 'transparency', 'handling-satisfaction', 'dossier-digitized'] as const;

/** The national public service portal's 766 reporting API (docs/connectors.md, "The 766 adapter"). */
export const dvcqgConnector = z
  .object({
    ...base,
    adapter: z.literal('dvcqg-766'),
    request: z
      .object({
        /** The reporting API's root, e.g. https://dichvucong.gov.vn/api/v1/reporting */
        url: connectorRequest.shape.url,
        headers: connectorRequest.shape.headers,
        timeoutMs: connectorRequest.shape.timeoutMs,
      })
      .strict(),
    /** The portal's period: the month (or quarter, year) that holds the pull; figures land on the day of the pull. */
    timeType: z.enum(['month', 'quarter', 'year']).default('month'),
    endpoints: z.array(z.enum(DVCQG_ENDPOINTS)).min(1).default(['service-results', 'dvc-progress-tree']),
    /** `departmentType` of the ministries' ranking (not captured from the portal; see fixtures/dvcqg/README.md). */
    ministryDepartmentType: z.string().max(64).optional(),
    /** Provinces (official codes) whose trees are read; all provinces in scope by default. */
    treeProvinces: z.array(z.string().refine(isProvinceCode, 'a province code (2 digits)')).max(34).optional(),
  })
  .strict();

export const connectorDefinition = z.union([dvcqgConnector, genericConnector]);

/**
 * The schema a given input is checked against, by its `adapter` (generic when absent), so that a bad field is named
 * in the issue rather than lost in a union's "invalid input".
 */
export function schemaFor(input: unknown): typeof dvcqgConnector | typeof genericConnector {
  return (input as { adapter?: unknown } | null)?.adapter === 'dvcqg-766' ? dvcqgConnector : genericConnector;
}
export type GenericConnector = z.infer<typeof genericConnector>;
export type DvcqgConnector = z.infer<typeof dvcqgConnector>;
export type ConnectorDefinition = z.infer<typeof connectorDefinition>;
/** What a caller sends: defaults may be left out. */
export type ConnectorInput = z.input<typeof connectorDefinition>;

/** The zod issues of a definition, one line each, naming the field: `request.url: an http(s) URL`. */
export function definitionIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || 'definition'}: ${i.message}`);
}

/** Credentials are never answered back: each secret shows as `•••` (a saved definition keeps them). */
export const REDACTED = '•••';

export function redactAuth(auth: ConnectorAuth): ConnectorAuth {
  switch (auth.type) {
    case 'none':
      return auth;
    case 'bearer':
      return { ...auth, token: REDACTED };
    case 'basic':
      return { ...auth, password: REDACTED };
    case 'api-key':
      return { ...auth, value: REDACTED };
    case 'lgsp':
      return { ...auth, accessKey: REDACTED, secretKey: REDACTED };
  }
}

/** A definition sent back with its secrets as `•••` keeps the saved ones (so an edit need not re-type them). */
export function keepSecrets(next: ConnectorAuth, saved: ConnectorAuth | undefined): ConnectorAuth {
  if (!saved || saved.type !== next.type) return next;
  const keep = (v: string, old: string): string => (v === REDACTED ? old : v);
  switch (next.type) {
    case 'none':
      return next;
    case 'bearer':
      return { ...next, token: keep(next.token, (saved as typeof next).token) };
    case 'basic':
      return { ...next, password: keep(next.password, (saved as typeof next).password) };
    case 'api-key':
      return { ...next, value: keep(next.value, (saved as typeof next).value) };
    case 'lgsp': {
      const s = saved as typeof next;
      return { ...next, accessKey: keep(next.accessKey, s.accessKey), secretKey: keep(next.secretKey, s.secretKey) };
    }
  }
}
