/**
 * Stand-ins for the shared definitions the specs folder does not hold: GalleryRP.json refers to ARM common types in
 * files outside its folder (../../../common-types/v1/common.json, common-types/resource-management/v3/types.json).
 * Without them, a gallery image's top level (location, tags, id, name, type) and every ARM error would be unknown,
 * hence unchecked. These are the few definitions those refs reach, restated in Swagger form (names, types, enums,
 * required; descriptions left out) after the files in Azure/azure-rest-api-specs (MIT):
 *   specification/common-types/resource-management/v3/types.json
 *   specification/compute/resource-manager/Microsoft.Compute/common-types/v1/common.json
 */
import type { SwaggerDoc } from './swaggerSchema';

const str = { type: 'string' };
const readOnlyStr = { type: 'string', readOnly: true };

/** common-types/resource-management/v3/types.json (the definitions TrackedResource and OperationStatusResult reach). */
const ARM_V3_TYPES: SwaggerDoc = {
  id: 'standin:common-types/resource-management/v3/types.json',
  definitions: {
    Resource: {
      type: 'object',
      properties: { id: readOnlyStr, name: readOnlyStr, type: readOnlyStr, systemData: { $ref: '#/definitions/SystemData', readOnly: true } },
    },
    TrackedResource: {
      type: 'object',
      properties: { tags: { type: 'object', additionalProperties: str }, location: str },
      required: ['location'],
      allOf: [{ $ref: '#/definitions/Resource' }],
    },
    SystemData: {
      type: 'object',
      properties: {
        createdBy: str, createdByType: { $ref: '#/definitions/createdByType' }, createdAt: { type: 'string', format: 'date-time' },
        lastModifiedBy: str, lastModifiedByType: { $ref: '#/definitions/createdByType' }, lastModifiedAt: { type: 'string', format: 'date-time' },
      },
    },
    createdByType: { type: 'string', enum: ['User', 'Application', 'ManagedIdentity', 'Key'] },
    ErrorAdditionalInfo: { type: 'object', properties: { type: readOnlyStr, info: { type: 'object', readOnly: true } } },
    ErrorDetail: {
      type: 'object',
      properties: {
        code: readOnlyStr, message: readOnlyStr, target: readOnlyStr,
        details: { type: 'array', items: { $ref: '#/definitions/ErrorDetail' }, readOnly: true },
        additionalInfo: { type: 'array', items: { $ref: '#/definitions/ErrorAdditionalInfo' }, readOnly: true },
      },
    },
    OperationStatusResult: {
      type: 'object',
      properties: {
        id: str, name: str, status: str, percentComplete: { type: 'number', minimum: 0, maximum: 100 },
        startTime: { type: 'string', format: 'date-time' }, endTime: { type: 'string', format: 'date-time' },
        operations: { type: 'array', items: { $ref: '#/definitions/OperationStatusResult' } },
        error: { $ref: '#/definitions/ErrorDetail' },
      },
      required: ['status'],
    },
  },
};

/** Microsoft.Compute/common-types/v1/common.json (CloudError, the error of every Compute operation). */
const COMPUTE_V1_COMMON: SwaggerDoc = {
  id: 'standin:compute/common-types/v1/common.json',
  definitions: {
    CloudError: { properties: { error: { $ref: '#/definitions/ApiError' } } },
    ApiError: {
      properties: {
        details: { type: 'array', items: { $ref: '#/definitions/ApiErrorBase' } },
        innererror: { $ref: '#/definitions/InnerError' },
        code: str, target: str, message: str,
      },
    },
    ApiErrorBase: { properties: { code: str, target: str, message: str } },
    InnerError: { properties: { exceptiontype: str, errordetail: str } },
  },
};

export const STAND_INS: readonly SwaggerDoc[] = [ARM_V3_TYPES, COMPUTE_V1_COMMON];

/** The stand-in document for an external file ref (e.g. "../../../common-types/v1/common.json"), if there is one. */
export function standInFor(file: string, specFile: string): SwaggerDoc | undefined {
  if (file.endsWith('common-types/resource-management/v3/types.json')) {
    return ARM_V3_TYPES;
  }
  if (file.endsWith('common-types/v1/common.json') && specFile.includes('/Microsoft.Compute/')) {
    return COMPUTE_V1_COMMON;
  }
  return undefined;
}

/** A stand-in definition by document-relative name, e.g. the async-operation status schema. */
export const OPERATION_STATUS = { doc: ARM_V3_TYPES, name: 'OperationStatusResult' };
