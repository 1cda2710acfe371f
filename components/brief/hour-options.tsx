/** The 24 brief hours as <option>s ("07:00"), for every form that asks for the brief's hour. */
export function HourOptions() {
  return Array.from({ length: 24 }, (_, hour) => (
    <option key={hour} value={hour}>
      {String(hour).padStart(2, "0")}:00
    </option>
  ));
}
