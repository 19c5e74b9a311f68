import { SPACE_ROLE_LABELS, SPACE_ROLES, type SpaceRole } from "@atelier/shared";
import { Select } from "@codegouvfr/react-dsfr/Select";

/** A space role picker, with a label (hidden where a table's heading already says it). */
export function RoleSelect({
  label,
  value,
  onChange,
  hideLabel,
}: {
  label: string;
  value: SpaceRole;
  onChange(role: SpaceRole): void;
  hideLabel?: boolean;
}) {
  return (
    <Select
      label={hideLabel ? <span className="fr-sr-only">{label}</span> : label}
      className={hideLabel ? "fr-mb-0" : undefined}
      nativeSelectProps={{ value, onChange: (e) => onChange(e.target.value as SpaceRole) }}
    >
      {SPACE_ROLES.map((role) => (
        <option key={role} value={role}>
          {SPACE_ROLE_LABELS[role]}
        </option>
      ))}
    </Select>
  );
}
