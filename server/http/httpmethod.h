// The request methods the service tells apart, as its HTTP edge reads them (http_parser).
#pragma once

enum class HttpMethod { Unknown, Get, Head, Post, Put, Patch, Delete, Options, Connect, Trace };
