// The TypeScript client, as a client developer would write it: types from
// openapi-typescript (schema.gen.ts, generated fresh from the served spec by
// the test that runs this file), requests by openapi-fetch. Run by
// `go test -tags e2e ./clients/` against a server it starts (MILMEET_URL,
// MILMEET_TOKEN).
import { test } from "node:test";
import assert from "node:assert/strict";
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.gen.ts";

type Meeting = components["schemas"]["Meeting"];

const baseUrl = process.env.MILMEET_URL;
const token = process.env.MILMEET_TOKEN;
if (!baseUrl || !token) throw new Error("MILMEET_URL and MILMEET_TOKEN must be set");

// JSON answers and problems; exports (NDJSON, CSV) are read otherwise.
const client = createClient<paths, "application/json" | "application/problem+json">({ baseUrl });

test("a filtered list, its cursors followed to the end", async () => {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 20, "the cursors never end");
    const { data, error, response } = await client.GET("/meetings", {
      params: { query: { country: "AZ", limit: 1, cursor } },
    });
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.ok(data);
    for (const item of data.data) {
      assert.ok(!("deleted" in item), "no tombstones without updated_since");
      if (!("deleted" in item)) {
        assert.ok(item.countries.includes("AZ"));
        ids.push(item.id);
      }
    }
    if (data.next_cursor === null) break;
    cursor = data.next_cursor;
  }
  assert.equal(ids.length, 5, "the five seed meetings involve Azerbaijan");
  assert.equal(new Set(ids).size, 5, "no meeting twice");
});

test("one meeting, read through typed fields", async () => {
  const list = await client.GET("/meetings", { params: { query: { country: "UZ" } } });
  assert.ok(list.data);
  const first = list.data.data[0];
  assert.ok(first && !("deleted" in first));
  const { data, response } = await client.GET("/meetings/{id}", { params: { path: { id: first.id } } });
  assert.equal(response.status, 200);
  assert.ok(data);
  assert.equal(data.date, "2025-12-10");
  const head = data.delegations[0]?.head;
  assert.equal(head?.name, "Zakir Hasanov");
  assert.equal(head?.rank, "Colonel General");
  assert.equal(data.agreements[0]?.type, "cooperation_plan");
  assert.equal(data.sources?.[0]?.outlet, "Report");
  assert.ok(response.headers.get("ETag"));
});

test("a meeting created with a key", async () => {
  const body: Meeting = {
    title: "Test meeting of the generated TypeScript client",
    date: "2018-03-04",
    kind: "meeting",
    delegations: [
      { country: "AZ", role: "host", head: { name: "Zakir Hasanov" } },
      { country: "DEU", role: "guest", head: { name: "B. Tester", rank: "Colonel" } },
    ],
    sources: [{ outlet: "TypeScript client test" }],
  };
  const refused = await client.POST("/meetings", { body });
  assert.equal(refused.response.status, 401);
  assert.equal(refused.error?.status, 401);

  const { data, error, response } = await client.POST("/meetings", {
    body,
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(response.status, 201, JSON.stringify(error));
  assert.ok(data);
  assert.equal(data.delegations[1]?.country, "DE", "alpha-3 stored as alpha-2");
  assert.equal(data.delegations[1]?.head?.name, "B. Tester");
  assert.equal(data.version, 1);
});

test("a 400 problem, read through its typed fields", async () => {
  const { data, error, response } = await client.GET("/meetings", { params: { query: { country: "XX" } } });
  assert.equal(response.status, 400);
  assert.equal(data, undefined);
  assert.ok(error);
  assert.equal(error.status, 400);
  assert.equal(error.errors?.[0]?.parameter, "country");
  assert.equal(response.headers.get("Content-Type"), "application/problem+json");
});
