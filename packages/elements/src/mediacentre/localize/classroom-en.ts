import type { MediacentreClassroomTranslation } from './classroom.js';

/** English. */
export const classroomEn: MediacentreClassroomTranslation = {
  recommended: 'Recommended by your teachers',
  recommendedBy: (teacher) => `Recommended by ${teacher}`,
  textbooks: 'My textbooks',
};
