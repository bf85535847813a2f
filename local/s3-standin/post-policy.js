'use strict';
// A browser upload (POST to the bucket with a multipart form) checked against its signed policy as
// S3 checks it; s3rver 3.7.1 reads the form's key, redirect and status but ignores the policy.
//
// The form is read here whole, checked, and handed to s3rver rebuilt from the checked fields and
// the file only: s3rver then cannot read anything the check did not (a field after the file, a
// second file, a name spelled with other capitals), whatever its own parser makes of the body.
const Busboy = require('busboy');
const crypto = require('crypto');
const { Readable } = require('stream');
const S3Error = require('s3rver/lib/models/error');
const { ALGORITHM, hmac, signingKey, sameSignature, parseCredential, secretFor, signatureDoesNotMatch,
  unsupportedMechanism } = require('./sigv4');

// S3's limits: the fields before the file at most 20 KB; a file sent by POST at most 5 GB.
const MAX_FIELD_BYTES = 20 * 1024;
const MAX_FILE_BYTES = 5 * 1024 * 1024 * 1024;
// Fields the policy need not name (S3's POST policy documentation); every other one must be.
const UNCONDITIONED = new Set(['policy', 'x-amz-signature', 'file']);

function refused(why) {
  return new S3Error('AccessDenied', 'Invalid according to Policy: ' + why);
}

function invalidPolicy(why) {
  return new S3Error('InvalidPolicyDocument', 'Invalid Policy: ' + why);
}

/**
 * Reads the form. Field names are case-insensitive in S3's forms, so they are kept in lower case
 * and one given twice is refused rather than guessed at. The file is checked against the policy as
 * soon as it starts (every field that counts comes before it) and kept only if it passes, up to the
 * policy's largest size; beyond that its bytes are only counted.
 */
function readForm(ctx, checkFields) {
  return new Promise((resolve, reject) => {
    let busboy;
    try {
      busboy = new Busboy({ headers: ctx.req.headers, limits: { fieldSize: MAX_FIELD_BYTES + 1 } });
    } catch (notAForm) {
      reject(new S3Error('MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.'));
      return;
    }
    const fields = new Map();
    let fieldBytes = 0;
    let file;
    let failure;
    const fail = error => { failure = failure || error; };
    const startFile = (size, content) => {
      if (failure) {
        file = { size, chunks: [], keep: -1 };
        return;
      }
      try {
        const limits = checkFields(fields);
        file = { size, chunks: content ? [content] : [], keep: limits.maxBytes };
      } catch (error) {
        fail(error);
        file = { size, chunks: [], keep: -1 };
      }
    };
    busboy.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (file) {
        return; // S3 ignores whatever follows the file
      }
      name = name.toLowerCase();
      if (name === 'file') {
        // A file part without a filename reaches busboy as text; S3 takes it as the file all the same.
        if (valueTruncated) {
          fail(new S3Error('InvalidArgument', 'The stand-in takes a file part without a filename up to 20 KB.'));
        }
        const content = Buffer.from(value, 'utf8');
        startFile(content.length, content);
        return;
      }
      fieldBytes += name.length + Buffer.byteLength(value);
      if (valueTruncated || fieldBytes > MAX_FIELD_BYTES) {
        fail(new S3Error('MaxPostPreDataLengthExceededError',
          'Your POST request fields preceding the upload file were too large.'));
      } else if (fields.has(name)) {
        fail(new S3Error('InvalidArgument', `The form field ${name} appears more than once.`,
          { ArgumentName: name }));
      }
      fields.set(name, value);
    });
    busboy.on('file', (name, stream) => {
      if (file || name.toLowerCase() !== 'file') {
        stream.resume(); // after the file, or a file part under another name: ignored, as S3 does
        return;
      }
      startFile(0);
      stream.on('data', chunk => {
        file.size += chunk.length;
        if (file.size <= file.keep) {
          file.chunks.push(chunk);
        }
      });
    });
    busboy.on('error', () => reject(new S3Error('MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.')));
    busboy.on('finish', () => {
      if (failure) {
        reject(failure);
      } else if (!file) {
        reject(new S3Error('InvalidArgument', 'POST requires exactly one file upload per request.',
          { ArgumentName: 'file', ArgumentValue: 0 }));
      } else {
        resolve({ fields, file });
      }
    });
    ctx.req.on('close', () => {
      if (!ctx.req.complete) {
        reject(new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.'));
      }
    });
    ctx.req.pipe(busboy);
  });
}

/**
 * The fields' check against the policy, in S3's order: the signature over the base64 policy (the
 * credential naming a known key), then the policy's expiry, each condition, and that no field is
 * left that no condition names. Returns the size range the file must fall in.
 */
function checkPolicy(fields, bucket, accounts, region) {
  if (!fields.has('policy')) {
    // A form without a policy is an anonymous upload; the bucket is not public.
    throw new S3Error('AccessDenied', 'Access Denied');
  }
  if (fields.get('x-amz-algorithm') !== ALGORITHM) {
    throw unsupportedMechanism();
  }
  const malformed = why => new S3Error('InvalidArgument', 'The x-amz-credential field is malformed; ' + why,
    { ArgumentName: 'x-amz-credential' });
  const scope = parseCredential(fields.get('x-amz-credential'), fields.get('x-amz-date'), region, malformed);
  const secret = secretFor(scope.accessKeyId, accounts);
  const encoded = fields.get('policy');
  const expected = hmac(signingKey(secret, scope.day, scope.region, 's3'), encoded).toString('hex');
  if (!sameSignature(expected, fields.get('x-amz-signature'))) {
    throw signatureDoesNotMatch(scope.accessKeyId, { StringToSign: encoded });
  }

  let policy;
  try {
    policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch (notJson) {
    throw invalidPolicy('Invalid JSON.');
  }
  if (policy === null || typeof policy !== 'object' || typeof policy.expiration !== 'string') {
    throw invalidPolicy('Policy missing expiration.');
  }
  const expiration = Date.parse(policy.expiration);
  if (Number.isNaN(expiration)) {
    throw invalidPolicy(`Invalid 'expiration' value: '${policy.expiration}'`);
  }
  if (expiration <= Date.now()) {
    throw refused('Policy expired.');
  }
  if (!Array.isArray(policy.conditions)) {
    throw invalidPolicy('Policy missing conditions.');
  }

  // The bucket is the URL's, not a field; a condition on it is checked like one on a field.
  const values = new Map(fields);
  values.set('bucket', bucket);
  const named = new Set();
  const sizes = { minBytes: 0, maxBytes: MAX_FILE_BYTES };
  for (const condition of policy.conditions) {
    for (const [operator, name, operand] of conditionTerms(condition)) {
      if (operator === 'content-length-range') {
        sizes.minBytes = Math.max(sizes.minBytes, name);
        sizes.maxBytes = Math.min(sizes.maxBytes, operand);
        continue;
      }
      named.add(name);
      const value = values.get(name);
      const holds = value !== undefined && (operator === 'eq' ? value === operand : value.startsWith(operand));
      if (!holds) {
        throw refused('Policy Condition failed: ' + JSON.stringify(Array.isArray(condition) ? condition
          : [operator, '$' + name, operand]));
      }
    }
  }
  const extra = [...fields.keys()].filter(name =>
    !named.has(name) && !UNCONDITIONED.has(name) && !name.startsWith('x-ignore-'));
  if (extra.length > 0) {
    throw refused('Extra input fields: ' + extra.join(', '));
  }
  return sizes;
}

/**
 * One condition as [operator, field, operand] terms: {"name": "value"} (one or more exact
 * matches), ["eq" | "starts-with", "$name", "value"], or ["content-length-range", min, max].
 */
function conditionTerms(condition) {
  if (Array.isArray(condition)) {
    const [operator, subject, operand] = condition;
    const op = String(operator).toLowerCase();
    if (condition.length === 3 && op === 'content-length-range'
        && Number.isInteger(subject) && Number.isInteger(operand) && subject >= 0 && subject <= operand) {
      return [[op, subject, operand]];
    }
    if (condition.length === 3 && (op === 'eq' || op === 'starts-with')
        && typeof subject === 'string' && subject.startsWith('$') && typeof operand === 'string') {
      return [[op, subject.slice(1).toLowerCase(), operand]];
    }
  } else if (condition !== null && typeof condition === 'object') {
    const entries = Object.entries(condition);
    if (entries.length > 0 && entries.every(([, value]) => typeof value === 'string')) {
      return entries.map(([name, value]) => ['eq', name.toLowerCase(), value]);
    }
  }
  throw invalidPolicy('Invalid Condition: ' + JSON.stringify(condition));
}

// The checked fields and the file as a new multipart body (a fresh boundary, a fixed file name).
function rebuiltForm(fields, content) {
  const boundary = 'standin' + crypto.randomBytes(16).toString('hex');
  const parts = [];
  for (const [name, value] of fields) {
    if (UNCONDITIONED.has(name) || name.startsWith('x-ignore-')) {
      continue;
    }
    if (/["\r\n]/.test(name) || value.includes(boundary)) {
      throw new S3Error('InvalidArgument', 'The form field cannot be passed on: ' + name, { ArgumentName: name });
    }
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\n`
    + 'Content-Type: application/octet-stream\r\n\r\n'), content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { boundary, body: Buffer.concat(parts) };
}

/**
 * Checks a browser upload and, when it passes, hands s3rver the rebuilt form in place of the
 * request's body; otherwise throws the error S3 answers with (nothing is stored).
 */
async function checkUpload(ctx, accounts, region) {
  if (!ctx.is('multipart/form-data')) {
    throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold',
      { Condition: 'Bucket POST must be of the enclosure-type multipart/form-data' });
  }
  let sizes;
  const { fields, file } = await readForm(ctx, received => {
    sizes = checkPolicy(received, ctx.params.bucket, accounts, region);
    return sizes;
  });
  if (file.size < sizes.minBytes) {
    throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size',
      { ProposedSize: file.size, MinSizeAllowed: sizes.minBytes });
  }
  if (file.size > sizes.maxBytes) {
    throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size',
      { ProposedSize: file.size, MaxSizeAllowed: sizes.maxBytes });
  }
  const form = rebuiltForm(fields, Buffer.concat(file.chunks));
  // s3rver parses ctx.req with the request's Content-Type header: both now describe the new body.
  ctx.req.headers['content-type'] = 'multipart/form-data; boundary=' + form.boundary;
  ctx.req.headers['content-length'] = String(form.body.length);
  ctx.req = Readable.from([form.body]);
}

module.exports = { checkUpload };
