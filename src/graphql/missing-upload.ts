import { BadUserInputError } from '../errors.js';

/**
 * How a file reaches the gateway, for the answer to an upload whose file never arrived: the
 * GraphQL multipart request spec (https://github.com/jaydenseric/graphql-multipart-request-spec),
 * the only way a GraphQL request carries a file, with the CSRF header the HTTP adapter requires.
 */
function howToUpload(variable: string): string {
  return (
    `Files are sent as a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec): ` +
    `an "operations" field with "${variable}": null in its variables, a "map" field placing a file part at "variables.${variable}" ` +
    `(e.g. {"1": ["variables.${variable}"]}), the file part named "1", and the header "Apollo-Require-Preflight: true". ` +
    `A JSON request cannot carry a file (the playground sends JSON): use curl -F or an upload-capable client such as apollo-upload-client.`
  );
}

/** The answer to an Upload variable or argument that holds no file (BAD_USER_INPUT, reason FILE_MISSING). */
export function missingUploadError(variable: string): BadUserInputError {
  return new BadUserInputError(`No file arrived for $${variable}. ${howToUpload(variable)}`, { argument: variable, variable, reason: 'FILE_MISSING' });
}

/**
 * graphql-js's refusals of an Upload variable that holds no file: null (a multipart "map" that
 * put the file elsewhere, or a JSON request), absent, or not a file (a string in JSON).
 */
const UPLOAD_VARIABLE_REFUSAL = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" (?:of (?:non-null |required )?type "Upload!?" (?:must not be null|was not provided)|got invalid value .*Upload value invalid)/;

/** The FILE_MISSING error for a variable refusal about an Upload, or undefined for any other message. */
export function explainUploadVariableRefusal(message: string): BadUserInputError | undefined {
  const variable = UPLOAD_VARIABLE_REFUSAL.exec(message)?.[1];
  return variable === undefined ? undefined : missingUploadError(variable);
}
