import type { Config } from './types.js';
import type { Env, Reader } from './reader.js';

interface SettingBase {
  /** The environment variable that sets it. */
  readonly variable: string;
  /** One line for docs/configuration.md and `--help`: what it does, in the reader's words. */
  readonly doc: string;
  /** An older name still read when `variable` is unset (documented as deprecated). */
  readonly deprecatedAlias?: string;
}

/** One configuration variable of an app: its kind, default, range and unit. */
export type Setting =
  | (SettingBase & {
      readonly kind: 'int';
      readonly default: number;
      readonly min: number;
      readonly max: number;
      /** The unit the variable is written in ("ms", "seconds", "bytes", "MB", "chars", …). */
      readonly unit: string;
      /** Multiplies the value read (MB variables held as bytes). */
      readonly scale?: number;
    })
  | (SettingBase & { readonly kind: 'bool'; readonly default: boolean })
  | (SettingBase & { readonly kind: 'url'; readonly default: string })
  | (SettingBase & { readonly kind: 'enum'; readonly values: readonly string[]; readonly default: string });

/** An app's settings by the name its code reads them under. */
export type SettingsTable = Readonly<Record<string, Setting>>;

/** The value a setting reads as. */
export type SettingValue<S extends Setting> = S extends { readonly kind: 'int' }
  ? number
  : S extends { readonly kind: 'bool' }
    ? boolean
    : S extends { readonly kind: 'enum'; readonly values: readonly (infer V)[] }
      ? V
      : string;

/** The values of a settings table, as the configuration holds them. */
export type SettingsValues<T extends SettingsTable> = { readonly [K in keyof T]: SettingValue<T[K]> };

/** One app's configuration: its table, the checks across its values, and typed access to them. */
export interface AppSettings<T extends SettingsTable = SettingsTable> {
  /** The app's key: its values are `config.apps[key]`. */
  readonly key: string;
  readonly table: T;
  /** Problems across values (a cap below its start), each naming the variable. */
  readonly validate?: (values: SettingsValues<T>) => readonly string[];
  /** The app's values in a loaded configuration. */
  of(config: Config): SettingsValues<T>;
}

/**
 * Any app's settings as the registry holds them: a table with its base URL (`url`), checked
 * through `validate`, whatever else it declares.
 */
export interface AnyAppSettings {
  readonly key: string;
  readonly table: SettingsTable & { readonly url: Extract<Setting, { readonly kind: 'url' }> };
  readonly validate?: (values: never) => readonly string[];
  of(config: Config): { readonly url: string };
}

/** Declares an app's configuration table (`src/apps/<app>/settings.ts`). */
export function appSettings<const T extends SettingsTable>(key: string, table: T, validate?: (values: SettingsValues<T>) => readonly string[]): AppSettings<T> {
  return Object.freeze({
    key,
    table,
    validate,
    of(config: Config): SettingsValues<T> {
      const values = config.apps[key];
      if (!values) throw new TypeError(`no settings for app ${key}: it is not in the registry`);
      return values as SettingsValues<T>;
    },
  });
}

/** Reads a table's variables, recording every bad value as a problem (the default is kept). */
export function readSettings(r: Reader, env: Env, settings: AnyAppSettings, problems: string[]): Readonly<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(settings.table)) {
    // The deprecated name counts only while the current one is unset.
    const variable = setting.deprecatedAlias && !env[setting.variable]?.trim() && env[setting.deprecatedAlias]?.trim() ? setting.deprecatedAlias : setting.variable;
    switch (setting.kind) {
      case 'int':
        values[name] = r.int(variable, setting.default, setting.min, setting.max) * (setting.scale ?? 1);
        break;
      case 'bool':
        values[name] = r.bool(variable, setting.default);
        break;
      case 'url':
        values[name] = r.url(variable, setting.default);
        break;
      case 'enum':
        values[name] = r.oneOf(variable, setting.values, setting.default);
        break;
    }
  }
  // The table's own values, as `appSettings` typed its check.
  problems.push(...(settings.validate?.(values as never) ?? []));
  return values;
}

/** Every variable a table reads, deprecated names included. */
export function settingVariables(table: SettingsTable): string[] {
  return Object.values(table).flatMap((s) => (s.deprecatedAlias ? [s.variable, s.deprecatedAlias] : [s.variable]));
}
