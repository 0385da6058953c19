import { BodyNotJson, parseJsonBody } from './body-parsers';

describe('parseJsonBody: JSON bodies as the API has always read them', () => {
  it('reads an object or an array', () => {
    expect(parseJsonBody('{"kind":"measurement","value":14}')).toEqual({ kind: 'measurement', value: 14 });
    expect(parseJsonBody(' \n[1, 2]')).toEqual([1, 2]);
  });

  it('takes an empty body, or one of whitespace only, as {}', () => {
    expect(parseJsonBody('')).toEqual({});
    expect(parseJsonBody(' \t\r\n')).toEqual({});
  });

  it.each(['"a string"', '14', 'true', 'null', '{"unclosed": 1', '{bad}', "{'single': 1}"])('refuses %s with 400 and a plain message', (text) => {
    let refusal: unknown;
    try {
      parseJsonBody(text);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(BodyNotJson);
    expect(refusal).toMatchObject({ statusCode: 400, type: 'entity.parse.failed', message: 'The request body is not valid JSON.' });
  });
});
