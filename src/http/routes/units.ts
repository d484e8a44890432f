/** Administration of the units tree: list, same-name warnings, create, edit. */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUnit, listUnits, sameNameUnits, updateUnit } from '../../modules/units-admin.js';
import {
  SameNameQuery,
  SameNameUnit,
  UnitIdParams,
  UnitInput,
  UnitNode,
  UnitPatch,
} from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';
import { adminErrors } from './admin-schemas.js';

export function unitRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/units',
      {
        schema: {
          tags: ['admin'],
          summary: 'Cây đơn vị quản lý được',
          response: { 200: z.array(UnitNode), ...adminErrors },
        },
      },
      (request) => listUnits(deps.db, actorOf(request)),
    );

    app.get(
      '/units/same-name',
      {
        schema: {
          tags: ['admin'],
          summary: 'Các đơn vị cùng tên ở nơi khác (để cảnh báo trước khi tạo hay đổi tên)',
          querystring: SameNameQuery,
          response: { 200: z.array(SameNameUnit), ...adminErrors },
        },
      },
      (request) => sameNameUnits(deps.db, actorOf(request), request.query.name, request.query.except ?? null),
    );

    app.post(
      '/units',
      {
        schema: {
          tags: ['admin'],
          summary: 'Tạo đơn vị',
          body: UnitInput,
          response: { 200: UnitNode, ...adminErrors },
        },
      },
      (request) => createUnit(deps, actorOf(request), request.body),
    );

    app.patch(
      '/units/:unitId',
      {
        schema: {
          tags: ['admin'],
          summary: 'Sửa đơn vị: tên, loại, đơn vị cấp trên, sáp nhập/đổi tên',
          params: UnitIdParams,
          body: UnitPatch,
          response: { 200: UnitNode, ...adminErrors },
        },
      },
      (request) => updateUnit(deps, actorOf(request), request.params.unitId, request.body),
    );

    done();
  };
}
