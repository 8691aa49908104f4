import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { Annotated, ErrorNote, type PickedCompany } from '../Annotated';
import { CompanyCard } from '../CompanyCard';
import type { ExtractedDocumentQuery, ExtractionStatus } from '../gql/graphql';
import { ExtractedDocumentQuery as DocumentQuery, ExtractionUpdatedSubscription, NodeEntitiesQuery, SubmitExtractionMutation } from '../operations';

type Doc = NonNullable<NonNullable<ExtractedDocumentQuery['extraction']>['document']>;
type Event = { status: ExtractionStatus; error: string | null; at: number };

export function Extract() {
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [events, setEvents] = useState<Event[]>([]);
  const [submit, submitted] = useMutation(SubmitExtractionMutation);
  const [startedAt, setStartedAt] = useState(0);

  // Live job state over graphql-ws: the gateway sends the state at once, then every change until
  // SUCCESS or FAILED, and completes the subscription.
  const live = useSubscription(ExtractionUpdatedSubscription, {
    variables: { id: jobId ?? '' },
    skip: jobId === null,
    onData: ({ data }) => {
      const job = data.data?.extractionUpdated;
      if (job) setEvents((now) => [...now, { status: job.status, error: job.error, at: Date.now() }]);
    },
  });
  const status = events.at(-1)?.status ?? (jobId ? 'PENDING' : null);

  const document = useQuery(DocumentQuery, { variables: { id: jobId ?? '' }, skip: status !== 'SUCCESS' });
  const doc = document.data?.extraction?.document ?? null;

  return (
    <div>
      <h2>Extract a PDF</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) return;
          setEvents([]);
          setJobId(null);
          setStartedAt(Date.now());
          // apollo-upload-client turns the File in the variables into a multipart request.
          void submit({ variables: { file, options: { documentType: 'HIERARCHICAL' } } })
            .then((r) => {
              if (r.data) setJobId(r.data.submitExtraction.id);
            })
            .catch(() => undefined);
        }}
      >
        <div className="row">
          <input type="file" name="pdf" accept="application/pdf,.pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <button type="submit" disabled={!file || submitted.loading}>
            {submitted.loading ? 'Uploading…' : 'Upload and extract'}
          </button>
        </div>
      </form>
      <ErrorNote error={submitted.error} />
      <ErrorNote error={live.error} />
      {jobId && (
        <div className="job">
          <p>
            Job <code>{jobId}</code>: <strong className={`status status-${status?.toLowerCase()}`} data-testid="job-status">{status}</strong>
          </p>
          <ol className="events" aria-label="status updates">
            {events.map((e, i) => (
              <li key={i}>
                {e.status} <small>+{((e.at - startedAt) / 1000).toFixed(1)} s</small>
                {e.error && <span className="error"> {e.error}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
      <ErrorNote error={document.error} />
      {doc && jobId && <DocumentView id={jobId} doc={doc} />}
    </div>
  );
}

function DocumentView({ id, doc }: { id: string; doc: Doc }) {
  const [uid, setUid] = useState<string | null>(null);
  // HIERARCHICAL documents have PARAGRAPH nodes; GENERAL ones only TEXT blocks.
  const paragraphs = useMemo(() => (doc.paragraphs.some((n) => n.type === 'PARAGRAPH') ? doc.paragraphs.filter((n) => n.type === 'PARAGRAPH') : doc.paragraphs), [doc]);
  // Show the first paragraph's entities until another one is picked.
  useEffect(() => setUid((now) => now ?? paragraphs[0]?.uid ?? null), [paragraphs]);
  return (
    <div className="document">
      <section>
        <h3>Outline</h3>
        <ul className="outline">
          {doc.outline.map((n) => (
            <li key={n.uid} style={{ marginLeft: `${Math.max(0, n.depth - 1)}em` }}>
              <span className="tag">{n.type}</span> {n.content} {n.page !== null && <small>p. {n.page + 1}</small>}
            </li>
          ))}
        </ul>
        <p className="note">{doc.pages.length} pages</p>
      </section>
      <section>
        <h3>Tables ({doc.tables.length})</h3>
        {doc.tables.map((t) => (
          <TableView key={t.uid} table={t} />
        ))}
      </section>
      <section>
        <h3>Paragraphs</h3>
        <ul className="paragraphs">
          {paragraphs.map((p) => (
            <li key={p.uid}>
              <button type="button" className={p.uid === uid ? 'picked' : ''} onClick={() => setUid(p.uid)}>
                {p.content.length > 90 ? `${p.content.slice(0, 90)}…` : p.content}
              </button>
            </li>
          ))}
        </ul>
        {uid && <NodeEntities key={uid} id={id} uid={uid} />}
      </section>
    </div>
  );
}

function TableView({ table }: { table: Doc['tables'][number] }) {
  return (
    <table className="grid extracted" data-uid={table.uid}>
      {table.title && <caption>{table.title}</caption>}
      <tbody>
        {table.rows.map((cells, r) => (
          <tr key={r}>
            {cells.map((cell, c) => {
              // A spanning cell appears under every position it covers: draw it at its origin only.
              if (!cell || cell.row !== r || cell.column !== c) return null;
              const Cell = cell.isColumnHeader ? 'th' : 'td';
              return (
                <Cell key={c} rowSpan={cell.rowSpan} colSpan={cell.columnSpan}>
                  {cell.content}
                </Cell>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NodeEntities({ id, uid }: { id: string; uid: string }) {
  const { data, loading, error } = useQuery(NodeEntitiesQuery, { variables: { id, uid, knowledgeBases: ['WIKIMEDIA', 'CAPIQ'] } });
  const node = data?.extraction?.document?.node;
  // A CAPIQ company of the paragraph, picked to show its card beside the entities.
  const [company, setCompany] = useState<PickedCompany | null>(null);
  return (
    <div className={company ? 'node-entities with-card' : 'node-entities'}>
      <div>
        <ErrorNote error={error} />
        {loading && <p>Finding entities…</p>}
        {node?.entities?.map((result) => <Annotated key={result.knowledgeBase} text={node.content} result={result} onPick={setCompany} picked={company?.id} />)}
      </div>
      {company && <CompanyCard key={company.id} id={company.id} label={company.label} onClose={() => setCompany(null)} />}
    </div>
  );
}
