/** English texts of the history window picker, the value's source and the simulated-data note (unit detail). */
export const historyRangeEn = {
  historyRange: {
    from: 'From',
    to: 'To',
    apply: 'Show',
    window: '{from} – {to}',
    missing: 'Choose both a start and an end date.',
    order: 'The start date must be on or before the end date.',
    future: 'The start date has not come yet.',
    long: 'At most 2 years.',
    source: 'Source: {name}, updated {time}',
    simulated: 'Simulated data',
    simulatedHint: 'Figures made by the built-in simulator, not the unit’s real data.',
    compareUnit: 'Another unit',
  },
};
