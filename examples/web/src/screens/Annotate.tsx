import { useLazyQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Annotated, ErrorNote, type PickedCompany } from '../Annotated';
import { CompanyCard } from '../CompanyCard';
import type { KnowledgeBase } from '../gql/graphql';
import { AnnotateTextQuery } from '../operations';

// The rocket is one code point but two UTF-16 units: the highlights after it only line up
// because the gateway's offsets are JavaScript string indices.
const SAMPLE = '🚀 Kensho Technologies and Apple Inc. met Microsoft in Zürich, then flew to Tokyo.';

export function Annotate() {
  const [text, setText] = useState(SAMPLE);
  const [kbs, setKbs] = useState<KnowledgeBase[]>(['WIKIMEDIA', 'CAPIQ']);
  const [annotate, { data, loading, error, variables }] = useLazyQuery(AnnotateTextQuery);
  const [company, setCompany] = useState<PickedCompany | null>(null);
  const toggle = (kb: KnowledgeBase) => setKbs((now) => (now.includes(kb) ? now.filter((k) => k !== kb) : [...now, kb]));
  // Highlight the text that was sent, not what the text box holds now.
  const sent = variables?.text ?? text;

  return (
    <div>
      <h2>Annotate a text</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void annotate({ variables: { text, knowledgeBases: kbs } }).catch(() => undefined);
        }}
      >
        <textarea name="text" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        <div className="row">
          {(['WIKIMEDIA', 'CAPIQ'] as const).map((kb) => (
            <label key={kb}>
              <input type="checkbox" checked={kbs.includes(kb)} onChange={() => toggle(kb)} /> {kb === 'WIKIMEDIA' ? 'Wikidata' : 'Capital IQ'}
            </label>
          ))}
          <button type="submit" disabled={loading || kbs.length === 0 || text.trim() === ''}>
            {loading ? 'Annotating…' : 'Annotate'}
          </button>
        </div>
      </form>
      <ErrorNote error={error} />
      <div className={company ? 'with-card' : undefined}>
        <div>
          {data?.annotateText?.map((result) => (
            <Annotated key={result.knowledgeBase} text={sent} result={result} onPick={setCompany} picked={company?.id} />
          ))}
        </div>
        {company && <CompanyCard key={company.id} id={company.id} label={company.label} onClose={() => setCompany(null)} />}
      </div>
    </div>
  );
}
