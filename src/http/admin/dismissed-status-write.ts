import type { Mapping } from '../../../mappings/index.js';
import { personWriteBack } from '../../../jobs/detect-duplicates/person-write-back.js';
import { MappingError } from '../../core/errors/index.js';
import type { Person } from '../../domain/entities.js';
import type { DuplicateStatus } from '../../matching/duplicate-status.js';
import type { WriteBackRequest } from '../../store/write-back-store.js';

/**
 * The write of "Not a duplicate" onto the record a person dismissed. Refused (422) when the mapping
 * has no CRM value for `dismissed`: our internal word would be sent to a restricted picklist.
 */
export function dismissedStatusWrite(
  mapping: Mapping,
  connectionId: string,
  person: Person,
  shown: DuplicateStatus,
): WriteBackRequest {
  const planned = personWriteBack(mapping, connectionId, person, shown);
  if (!planned.ok) throw new MappingError(planned.message, 'writeBack');
  if (Object.values(planned.request.fields).includes('dismissed'))
    throw new MappingError(
      'the person write-back maps duplicateStatus without a value for "dismissed" (e.g. dismissed: Not a duplicate)',
      'writeBack.duplicateStatus.values.dismissed',
    );
  return planned.request;
}
