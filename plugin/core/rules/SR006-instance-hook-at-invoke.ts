// SR006: an instance-method hook (a decorated or registered method of an instance) on a class
// constructed only at invoke time, or any instance-method decorator in legacy decorator mode
// (legacy decorators never see an instance, so the runtime throws at class definition).
import { defineRule } from './rule.js';

export const SR006 = defineRule({
  id: 'SR006',
  name: 'instance-hook-at-invoke',
  title: 'instance-method hook on a class constructed at invoke time',
  defaultSeverity: 'warning',
  type: 'problem',
  help: 'An instance-method hook registers each time the class is constructed; when that happens inside the handler the hook registers after the snapshot and never runs. Construct the instance at module top level, or use a static method.',
  messages: {
    legacyInstance:
      '`{{written}}` on instance method `{{method}}` throws when {{className}} is defined. It decorates an instance method under experimentalDecorators: legacy decorators never see an instance',
    constructedAtInvoke:
      '`{{written}}` registers `{{method}}` at invoke time: the hook never runs. It registers the instance method each time {{className}} is constructed, and {{className}} is only constructed at invoke time, after the snapshot',
  },
  suggestions: {
    makeStatic: 'make the method `static`, or register the bound method in the constructor: `{{registrar}}(this.{{method}}.bind(this))`',
    constructAtTop: 'construct {{className}} once at module top level and use it from the handler',
  },
  checks: ['module/analyze.ts', 'module/classify.ts'],
});
