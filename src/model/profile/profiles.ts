// Profile names to settings: first-principles is the shipped configs; paper-fit is what `ngpc fit --write` recorded.
import { loadConfig } from '../../config/load.ts';
import {
  loadPaperFitResult,
  loadPaperFitSpec,
  type PaperFitSpec,
  type ProfileName,
  paperFitSpecPath,
} from '../../config/profile.ts';
import { configStore } from '../../config/store.ts';
import { type CalibrationFile, calibrationFileSchema } from '../../config/targets.ts';
import { FIRST_PRINCIPLES, type ProfileSettings, paperFitSettings } from './settings.ts';

let paperFit: ProfileSettings | undefined;

/** The settings of a profile (paper-fit read once from configs/calibration/paper-fit.result.json). */
export function profileSettings(name: ProfileName): ProfileSettings {
  if (name === 'first-principles') return FIRST_PRINCIPLES;
  if (!paperFit) {
    const spec = loadPaperFitSpec();
    const result = loadPaperFitResult();
    const gpu = paperFitCalibration(spec).gpu;
    paperFit = paperFitSettings(spec, gpu, result.chosen, `paper-fit: ${result.fittedBy}`);
  }
  return paperFit;
}

/** Forgets the loaded paper-fit settings (after `ngpc fit --write`). */
export function clearProfileCache(): void {
  paperFit = undefined;
}

/** The §2 calibration targets a fit declaration names (relative to the declaration). */
export function paperFitCalibration(spec: PaperFitSpec, specFile = paperFitSpecPath()): CalibrationFile {
  return loadConfig(configStore().beside(specFile, spec.calibrationTargets), calibrationFileSchema);
}
