// A tiny SMTP sink for tests: accepts every message on a loopback port and
// keeps it in memory ({ from, to: [], data }). Enough SMTP for libcurl: EHLO,
// MAIL, RCPT, DATA, RSET, NOOP, QUIT; no STARTTLS, no AUTH.
import net from 'node:net';

export async function startSmtpSink() {
  const messages = [];
  const sockets = new Set();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    let buf = '';
    let inData = false;
    let cur = null;
    sock.write('220 sink.test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const text = '\r\n' + buf;
          const end = text.indexOf('\r\n.\r\n');
          if (end < 0) return;
          cur.data = text.slice(2, end + 2).replace(/\r\n\.\./g, '\r\n.');
          buf = text.slice(end + 5);
          messages.push(cur);
          inData = false;
          sock.write('250 2.0.0 queued\r\n');
          continue;
        }
        const i = buf.indexOf('\r\n');
        if (i < 0) return;
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO') sock.write('250-sink.test\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n');
        else if (verb === 'HELO') sock.write('250 sink.test\r\n');
        else if (verb === 'MAIL') { cur = { from: line.slice(10).trim(), to: [], data: '' }; sock.write('250 2.1.0 ok\r\n'); }
        else if (verb === 'RCPT') { cur.to.push(line.slice(8).trim()); sock.write('250 2.1.5 ok\r\n'); }
        else if (verb === 'DATA') { inData = true; sock.write('354 end with <CRLF>.<CRLF>\r\n'); }
        else if (verb === 'RSET' || verb === 'NOOP') sock.write('250 ok\r\n');
        else if (verb === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('502 5.5.1 not implemented\r\n');
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
