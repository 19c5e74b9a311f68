/** The reference: @y/websocket-server 0.1.1 as its README runs it (no auth, no persistence). */
import http from "node:http";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";

const server = http.createServer((_req, res) => res.end("ok"));
const wss = new WebSocketServer({ noServer: true });
wss.on("connection", (conn, req) => setupWSConnection(conn, req, { gc: true }));
server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)));
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
