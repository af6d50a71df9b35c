/** Names of the SVG state icons drawn by StateIcon.vue. */
export type IconName = 'check' | 'cross' | 'clock' | 'hourglass' | 'circle' | 'alert' | 'link' | 'octagon' | 'bell-off';
