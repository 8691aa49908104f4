import type { AnnotationFieldsFragment } from './gql/graphql';
import { segments } from './highlight';

type Annotation = AnnotationFieldsFragment['annotations'][number];

const KB_NAMES: Record<AnnotationFieldsFragment['knowledgeBase'], string> = { WIKIMEDIA: 'Wikidata', CAPIQ: 'Capital IQ' };

/** A mention: linked to its Wikidata page, or labelled with its Capital IQ id (NERD documents no Capital IQ page). */
/** A CAPIQ company picked in a text: its Capital IQ id and the label to show while it loads. */
export type PickedCompany = { id: string; label: string };

/** CAPIQ entities that can be companies (people never are). */
const isCompany = (kb: AnnotationFieldsFragment['knowledgeBase'], entity: Annotation['entity']): entity is NonNullable<Annotation['entity']> =>
  kb === 'CAPIQ' && entity !== null && entity.type !== 'PERSON';

function Mention({ a, kb, onPick, picked }: { a: Annotation; kb: AnnotationFieldsFragment['knowledgeBase']; onPick?: (c: PickedCompany) => void; picked?: string }) {
  const entity = a.entity;
  const title = entity ? `${entity.label ?? a.text} · ${KB_NAMES[kb]} ${entity.wikidataId ?? entity.kbId}${entity.type ? ` · ${entity.type}` : ''} · ${a.nerType}` : `${a.nerType} (not linked)`;
  const cls = `mention kb-${kb.toLowerCase()}${entity ? '' : ' unlinked'}`;
  if (entity?.url) {
    return (
      <a className={cls} href={entity.url} target="_blank" rel="noreferrer" title={title} data-entity={entity.wikidataId ?? entity.kbId}>
        {a.text}
        <sup>{entity.wikidataId}</sup>
      </a>
    );
  }
  if (onPick && isCompany(kb, entity)) {
    return (
      <button
        type="button"
        className={`${cls} pick`}
        title={`${title} · show the company`}
        data-entity={entity.kbId}
        aria-pressed={picked === entity.kbId}
        onClick={() => onPick({ id: entity.kbId, label: entity.label ?? a.text })}
      >
        {a.text}
        <sup>{entity.kbId}</sup>
      </button>
    );
  }
  return (
    <mark className={cls} title={title} data-entity={entity?.kbId}>
      {a.text}
      {entity && <sup>{entity.kbId}</sup>}
    </mark>
  );
}

/**
 * The text with one knowledge base's mentions highlighted, and the mentions as a table. With
 * `onPick`, CAPIQ company mentions are buttons that pick the company.
 */
export function Annotated({ text, result, onPick, picked }: { text: string; result: AnnotationFieldsFragment; onPick?: (c: PickedCompany) => void; picked?: string }) {
  const kb = result.knowledgeBase;
  const unplaced = result.annotations.filter((a) => a.startIndex === null || a.endIndex === null);
  return (
    <section className="kb" data-kb={kb}>
      <h3>
        {KB_NAMES[kb]} <small>({result.annotations.length} mentions)</small>
      </h3>
      <p className="annotated-text">
        {segments(text, result.annotations).map((s, i) => (s.annotation ? <Mention key={i} a={s.annotation} kb={kb} onPick={onPick} picked={picked} /> : <span key={i}>{s.text}</span>))}
      </p>
      {unplaced.length > 0 && <p className="note">Found without a place in the text: {unplaced.map((a) => a.text).join(', ')}</p>}
      {result.annotations.length > 0 && (
        <table className="grid mentions">
          <thead>
            <tr>
              <th>mention</th>
              <th>offsets</th>
              <th>NER type</th>
              <th>entity</th>
              <th>type</th>
              <th>link score</th>
            </tr>
          </thead>
          <tbody>
            {result.annotations.map((a, i) => (
              <tr key={i}>
                <td>{a.text}</td>
                <td>{a.startIndex === null ? '—' : `${a.startIndex}–${a.endIndex}`}</td>
                <td>{a.nerType}</td>
                <td>
                  {a.entity === null ? (
                    <em>not linked</em>
                  ) : a.entity.url ? (
                    <a href={a.entity.url} target="_blank" rel="noreferrer">
                      {a.entity.label ?? a.text} ({a.entity.wikidataId})
                    </a>
                  ) : (
                    `${a.entity.label ?? a.text} (Capital IQ ${a.entity.kbId})`
                  )}
                </td>
                <td>{a.entity?.type ?? ''}</td>
                <td>{a.nedScore === null ? '' : a.nedScore.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ErrorNote({ error }: { error: { message: string } | undefined | null }) {
  return error ? (
    <p className="error" role="alert">
      {error.message}
    </p>
  ) : null;
}
