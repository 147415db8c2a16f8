/** Wonder Gateway's hosts (GATEWAY.md §1). */
export const WONDER_ENVIRONMENTS = {
  sandbox: 'https://gateway-stg.wonder.today',
  production: 'https://gateway.wonder.today',
} as const;

export type WonderEnvironment = keyof typeof WONDER_ENVIRONMENTS;
