'use strict';
// The local S3 stand-in: s3rver on loopback with the attachments bucket (CORS for browser uploads),
// and the bucket's "object created" notifications for the quarantine prefix delivered to a local SQS
// queue as S3 event notifications, as the bucket's notification configuration does on AWS.
//
// It refuses what S3 refuses, so that the tests prove what the system signs: every request but a
// CORS preflight is signed (SigV4: an Authorization header or a presigned query, checked by
// sigv4.js), and a browser upload only passes its signed POST policy (post-policy.js: signature,
// expiry, every condition, no field the policy does not name, the file's size). Object keys with
// "." or ".." segments are refused: here objects are files, and such a key would name another
// object's file or one outside the data folder.
//
//   node server.js --host 127.0.0.1 --port 8006 --directory DIR --bucket NAME
//                  --queue-url URL --access-key ID --secret-key SECRET [--region R]
//                  [--cors-origins a,b] [--prefix quarantine/]
const path = require('path');
const S3Error = require('s3rver/lib/models/error');
const AWSAccount = require('s3rver/lib/models/account');
const FilesystemStore = require('s3rver/lib/stores/filesystem');
const { verifyRequest } = require('./sigv4');
const { checkUpload } = require('./post-policy');

// The bucket's region, once known: a credential scoped to another is refused, as S3 does.
let bucketRegion;

/**
 * Whether a request may go on to s3rver's handlers. A preflight carries no credentials (the CORS
 * rule answered it); a POST to the bucket itself is a browser upload, checked against its policy;
 * anything else must be signed, the bucket being private.
 */
async function authorise(ctx, headers) {
  if (ctx.method === 'OPTIONS') {
    return;
  }
  if (ctx.method === 'POST' && ctx.params.bucket && !ctx.params.key && !('delete' in ctx.query)) {
    await checkUpload(ctx, AWSAccount.registry, bucketRegion);
    return;
  }
  if (!headers.authorization && !('X-Amz-Algorithm' in ctx.query) && !('Signature' in ctx.query)) {
    throw new S3Error('AccessDenied', 'Access Denied');
  }
  // The URL as sent: s3rver may rewrite ctx.url for virtual-host buckets after it was signed.
  verifyRequest({ method: ctx.method, url: ctx.originalUrl, headers }, AWSAccount.registry, bucketRegion);
}

// s3rver's router runs its authentication middleware on every request after CORS (so preflights
// are answered and CORS headers stay on errors) and before any handler: the one place for these
// checks. Its export is swapped, before s3rver's router loads it, for one that runs s3rver's own
// checks (known key, clock skew, presigned expiry) and then ours.
const authenticationModule = require.resolve('s3rver/lib/middleware/authentication');
const s3rverAuthentication = require(authenticationModule);
require.cache[authenticationModule].exports = () => {
  const s3rverChecks = s3rverAuthentication();
  return function authentication(ctx, next) {
    // Kept as received: s3rver copies the query's x-amz-* parameters into the headers.
    const headers = { ...ctx.req.headers };
    return s3rverChecks(ctx, async () => {
      await authorise(ctx, headers);
      return next();
    });
  };
};
const S3rver = require('s3rver');

// Every object operation finds its file through these two: a bucket must be a folder right under
// the data folder, a key a file under its bucket's, whatever the request (a multi-object delete's
// keys, a multipart upload's, a copy's source included).
function keepInsideTheDataFolder() {
  const bucketPath = FilesystemStore.prototype.getBucketPath;
  const resourcePath = FilesystemStore.prototype.getResourcePath;
  FilesystemStore.prototype.getBucketPath = function (bucket) {
    const folder = bucketPath.call(this, bucket);
    if (path.dirname(path.resolve(folder)) !== path.resolve(this.rootDirectory)) {
      throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket });
    }
    return folder;
  };
  FilesystemStore.prototype.getResourcePath = function (bucket, key = '', resource) {
    const file = resourcePath.call(this, bucket, key, resource);
    const escapes = key.split('/').some(segment => segment === '.' || segment === '..') || key.includes('\0')
      || !path.resolve(file).startsWith(path.resolve(this.getBucketPath(bucket)) + path.sep);
    if (escapes) {
      throw new S3Error('InvalidArgument', 'The stand-in keeps objects as files and refuses keys with "." or ".." '
        + 'segments (S3 takes them as plain names).', { ArgumentName: 'key', ArgumentValue: key });
    }
    return file;
  };
}

function options(argv) {
  const parsed = {};
  for (let i = 2; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      throw new Error('expected --name value pairs, got ' + argv[i]);
    }
    parsed[argv[i].slice(2)] = argv[i + 1];
  }
  for (const required of ['host', 'port', 'directory', 'bucket', 'queue-url', 'access-key', 'secret-key']) {
    if (!parsed[required]) {
      throw new Error('missing --' + required);
    }
  }
  return parsed;
}

function escapeXml(text) {
  return text.replace(/[<>&'"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);
}

function corsConfiguration(origins) {
  const allowed = origins.map(o => `<AllowedOrigin>${escapeXml(o)}</AllowedOrigin>`).join('');
  return `<CORSConfiguration><CORSRule>${allowed}<AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod>`
    + '<AllowedHeader>*</AllowedHeader><ExposeHeader>Content-Disposition</ExposeHeader>'
    + '<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>';
}

async function deliver(queueUrl, event) {
  const body = new URLSearchParams({ Action: 'SendMessage', Version: '2012-11-05', MessageBody: JSON.stringify(event) });
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(queueUrl, { method: 'POST', body });
      if (response.ok) {
        return;
      }
      throw new Error('SQS answered ' + response.status + ': ' + (await response.text()));
    } catch (error) {
      if (attempt >= 5) {
        console.error('could not deliver an S3 event notification: ' + error.message);
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 100 * attempt));
    }
  }
}

async function main() {
  const opts = options(process.argv);
  const prefix = opts.prefix || 'quarantine/';
  const origins = (opts['cors-origins'] || '*').split(',').map(o => o.trim()).filter(o => o);
  bucketRegion = opts.region;
  // The local system signs with its own static keys; only the keys registered here are known (not
  // even s3rver's own default pair).
  AWSAccount.DUMMY_ACCOUNT.revokeAccessKey('S3RVER');
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(opts['access-key'], opts['secret-key']);
  keepInsideTheDataFolder();
  const server = new S3rver({
    address: opts.host,
    port: Number(opts.port),
    directory: opts.directory,
    silent: true,
    // s3rver refuses a bad Signature Version 2 itself; SigV4 and POST policies are checked above.
    allowMismatchedSignatures: false,
    vhostBuckets: false,
    configureBuckets: [{ name: opts.bucket, configs: [corsConfiguration(origins)] }],
  });
  server.on('event', event => {
    const records = (event.Records || []).filter(r =>
      r.eventName.startsWith('ObjectCreated:') && r.s3.bucket.name === opts.bucket
      && decodeURIComponent(r.s3.object.key).startsWith(prefix));
    if (records.length > 0) {
      // Keys in notifications are URL-encoded, as S3 sends them.
      records.forEach(r => { r.s3.object.key = encodeURIComponent(r.s3.object.key).replace(/%2F/g, '/'); });
      deliver(opts['queue-url'], { Records: records });
    }
  });
  const address = await server.run();
  // Idle connections are kept longer than HTTP clients keep theirs (Java's 30 s): with Node's 5 s a
  // client could send on a connection the stand-in was closing, and read no answer at all.
  server.httpServer.keepAliveTimeout = 65000;
  server.httpServer.headersTimeout = 66000;
  console.log('s3 stand-in listening on ' + address.address + ':' + address.port);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(error => {
  console.error(error.stack || String(error));
  process.exit(1);
});
