import { useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { ErrorNote } from '../Annotated';
import { DevicesQuery } from '../operations';

const PAGE_SIZE = 25;

/**
 * Skykit devices as a Relay connection: `first` devices `after` a cursor. The cursors of the
 * pages seen so far are kept so that "Previous" can go back (the connection only goes forward).
 */
export function Devices() {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors.at(-1) ?? null;
  const { data, previousData, loading, error } = useQuery(DevicesQuery, { variables: { first: PAGE_SIZE, after } });
  const pageNumber = cursors.length;
  // While the next page loads, the previous one stays on screen (dimmed), numbered as before.
  const shownNumber = useRef(1);
  if (data) shownNumber.current = pageNumber;
  const page = (data ?? previousData)?.skykitDevices;
  const offset = (shownNumber.current - 1) * PAGE_SIZE;

  return (
    <div>
      <h2>Skykit devices</h2>
      <div className="row">
        <button type="button" disabled={pageNumber === 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          ← Previous
        </button>
        <span data-testid="page-number">Page {pageNumber}</span>
        <button type="button" disabled={!page?.pageInfo.hasNextPage || loading} onClick={() => setCursors((c) => [...c, page!.pageInfo.endCursor])}>
          Next →
        </button>
        {loading && <span className="note">loading…</span>}
      </div>
      <ErrorNote error={error} />
      {page && (
        <table className="grid devices" aria-busy={loading} style={{ opacity: data ? 1 : 0.5 }}>
          <thead>
            <tr>
              <th>#</th>
              <th>serial number</th>
              <th>model</th>
              <th>time zone</th>
              <th>last heartbeat</th>
              <th>tenant</th>
              <th>organization</th>
              <th>content</th>
            </tr>
          </thead>
          <tbody>
            {page.edges.map(({ node: d }, i) => (
              <tr key={d.id}>
                <td>{offset + i + 1}</td>
                <td>{d.serialNumber ?? d.id}</td>
                <td>{d.model ?? ''}</td>
                <td>{d.timezone ?? ''}</td>
                <td>{d.heartbeatUpdated ? new Date(d.heartbeatUpdated).toLocaleString() : ''}</td>
                <td>{d.tenant ? `${d.tenant.name ?? d.tenant.code} (${d.tenant.code})` : ''}</td>
                <td>{d.tenant?.managingOrg?.name ?? ''}</td>
                <td>{d.hasContentPending ? 'change pending' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
