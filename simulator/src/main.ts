import { startSimulator, type Simulator } from './server.js';
import { SAMPLE_PDF, prepareDemo } from './demo.js';

/**
 * `npm run simulator`: starts the simulator alone and prints what a gateway (or a curl user)
 * needs: base URLs, the environment lines, and demo refresh tokens. Printing these demo secrets
 * is the point of this command; nothing else in the simulator logs a token.
 */
export async function runSimulator(opts: { host?: string; port?: number; dataDir: string; latencyMs?: number; log?: (line: string) => void }): Promise<Simulator> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const sim = await startSimulator({ host: opts.host, port: opts.port, latencyMs: opts.latencyMs });
  const demo = await prepareDemo(sim, opts.dataDir);
  const nerdRefresh = sim.issueRefreshToken('nerd');
  const extractRefresh = sim.issueRefreshToken('extract');
  const linkRefresh = sim.issueRefreshToken('link');
  const nerdAccess = await sim.issueAccessToken({ scopes: ['kensho:app:nerd'] });
  const extractAccess = await sim.issueAccessToken({ scopes: ['kensho:app:extract'] });
  const linkAccess = await sim.issueAccessToken({ scopes: ['kensho:app:link'] });
  const kfinanceRefresh = sim.issueRefreshToken('kfinance');
  const kfinanceAccess = await sim.issueAccessToken({ scopes: ['kensho:app:kfinance'] });
  log(`Kensho/Skykit upstream simulator listening on ${sim.url}`);
  log('');
  log(`  Okta token endpoint  ${sim.urls.tokenUrl}`);
  log(`  NERD                 ${sim.urls.nerd}`);
  log(`  Extract              ${sim.urls.extract}`);
  log(`  Scribe               ${sim.urls.scribe}`);
  log(`  Skykit               ${sim.urls.skykit}`);
  log(`  Link                 ${sim.urls.link}`);
  log(`  kFinance             ${sim.urls.kfinance}`);
  log('');
  log('Point a gateway at it (key-pair mode, demo keys in the data folder):');
  for (const [name, value] of Object.entries(demo.env)) log(`  export ${name}=${value}`);
  log('');
  log('Demo refresh tokens (valid for this simulator run only):');
  log(`  KENSHO_NERD_REFRESH_TOKEN=${nerdRefresh}`);
  log(`  KENSHO_EXTRACT_REFRESH_TOKEN=${extractRefresh}`);
  log(`  KENSHO_LINK_REFRESH_TOKEN=${linkRefresh}`);
  log(`  KENSHO_KFINANCE_REFRESH_TOKEN=${kfinanceRefresh}`);
  log('NERD, Extract, Link and kFinance access tokens (1 hour):');
  log(`  KENSHO_NERD_ACCESS_TOKEN=${nerdAccess}`);
  log(`  KENSHO_EXTRACT_ACCESS_TOKEN=${extractAccess}`);
  log(`  KENSHO_LINK_ACCESS_TOKEN=${linkAccess}`);
  log(`  KENSHO_KFINANCE_ACCESS_TOKEN=${kfinanceAccess}`);
  log('');
  log('Try it:');
  log(`  curl "${sim.urls.nerd}/oauth2/refresh?refresh_token=${nerdRefresh}"`);
  // Each line runs as pasted: the tokens are spelled out (no variable a reader has not set), and
  // the PDF is the sample in this repository.
  log(`  curl -X POST ${sim.urls.nerd}/api/v1/annotations-sync -H "Authorization: Bearer ${nerdAccess}" -H 'content-type: application/json' \\`);
  log(`       -d '{"text": "Apple and Microsoft met in Zürich.", "knowledge_bases": ["wikimedia", "capiq"]}'`);
  log(`  curl -X POST ${sim.urls.extract}/v3/extractions -H "Authorization: Bearer ${extractAccess}" -F file=@${SAMPLE_PDF} \\`);
  log(`       -F document_type=general -F ocr=false -F enhanced_table_extraction=false    # then GET …/v3/extractions/<request_id>`);
  log(`  curl -X POST ${sim.urls.link}/api/ondemand/v0/companies/capiq/generic -H "Authorization: Bearer ${linkAccess}" -H 'content-type: application/json' \\`);
  log(`       -d '{"records": [{"uid": "1", "name": "S&P Global Inc.", "country_iso3": "USA"}], "include_response_fields": ["knowledge_base_name"]}'`);
  log(`  curl -X POST ${sim.urls.kfinance}/api/v1/ids -H "Authorization: Bearer ${kfinanceAccess}" -H 'content-type: application/json' -d '{"identifiers": ["AAPL", "C_248435"]}'`);
  return sim;
}
