// /incubator states the call from the data: open (rolling or dated) or
// closed with when the next is expected, in the page's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, visit, bundledText, bundledRoutes, answer, LOCALES, axe, pluralForm } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const withCalls = (calls) => {
  const doc = JSON.parse(bundledText());
  doc.calls = calls;
  return bundledRoutes(doc);
};

test('the bundled rolling call is open, said to be illustrative', async () => {
  const server = await startServer();
  const page = await openPage(browser);
  await visit(page, server.url, '/incubator?lang=fr');
  const text = await page.textContent('[data-testid=call]');
  assert.ok(text.startsWith(pluralForm(LOCALES.fr.f_call_rolling, 'other').replace('{{ places }}', '20')), text);
  assert.ok(text.includes(LOCALES.fr.f_call_illustrative), text);
  await page.context().close();
  await server.close();
});

test('a closed call says so and when the next is expected, in Arabic too, with the clock set', async () => {
  const server = await startServer(withCalls([
    { id: 'gbi-2026', programme: 'gbi', opens: '2026-01-05', closes: '2026-03-31', places: 20, next_month: '2027-01', illustrative: true },
  ]));
  const page = await openPage(browser);
  await page.clock.setFixedTime(new Date('2026-06-01T10:00:00Z'));
  await visit(page, server.url, '/incubator?lang=fr');
  assert.equal(await page.textContent('[data-testid=call]'),
    `${LOCALES.fr.incubator_call_closed} ${LOCALES.fr.f_next_call.replace('{{ when }}', 'janvier 2027')}`);
  await visit(page, server.url, '/incubator?lang=ar');
  assert.ok((await page.textContent('[data-testid=call]')).startsWith(LOCALES.ar.incubator_call_closed));
  assert.deepEqual(await axe(page), []);
  // The same data on a day inside the call: open until its last day.
  await page.clock.setFixedTime(new Date('2026-03-31T10:00:00Z'));
  await visit(page, server.url, '/incubator?lang=en');
  assert.equal(await page.textContent('[data-testid=call]'),
    `${pluralForm(LOCALES.en.f_call_open, 'other').replace('{{ date }}', '31 March 2026').replace('{{ places }}', '20')} ${LOCALES.en.f_call_illustrative}`);
  await page.context().close();
  await server.close();
});
