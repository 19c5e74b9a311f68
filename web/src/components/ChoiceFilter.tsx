/** A filter that applies as soon as it changes: a DSFR select whose first choice (`all`) filters nothing. */
export function ChoiceFilter(p: { id: string; label: string; value: string; options: [string, string][]; all: string; onChange(value: string): void }) {
  return (
    <div className="fr-col-12 fr-col-md-4 fr-select-group">
      <label className="fr-label" htmlFor={p.id}>
        {p.label}
      </label>
      <select id={p.id} className="fr-select" value={p.value} onChange={(e) => p.onChange(e.target.value)}>
        <option value="">{p.all}</option>
        {p.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
