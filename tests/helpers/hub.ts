/** Reading the fake WebSub hub's log (tests/helpers/fake-hub.ts) from a test. */
import { inject } from 'vitest'
import type { HubRequest } from './fake-hub'

export const HUB = inject('fakeHub')

/** What the fake hub received under `/<name>` (and its sub-paths). */
export async function received(name: string): Promise<HubRequest[]> {
  return (await (await fetch(`${HUB}/__log/${name}`)).json()) as HubRequest[]
}

/** Every `hub.url` the requests named, in order, repeats included. */
export const topicsIn = (requests: HubRequest[]) => requests.flatMap((r) => r.form.filter(([k]) => k === 'hub.url').map(([, v]) => v))
