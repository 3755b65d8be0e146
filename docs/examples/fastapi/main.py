"""A FastAPI app with localized errors: JSON (problem+json) for API clients, HTML for browsers.

Run it: ``uvicorn main:app``.
"""

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from httpi18n.starlette import install

app = FastAPI()
install(app)

ITEMS = {1: "teapot"}


class Order(BaseModel):
    item: int
    quantity: int = Field(gt=0)


@app.get("/items/{number}")
async def read_item(number: int) -> dict[str, object]:
    if number not in ITEMS:
        raise HTTPException(status_code=404)  # the default detail: replaced by the localized text
    return {"number": number, "name": ITEMS[number]}


@app.get("/users/{name}")
async def read_user(name: str) -> dict[str, str]:
    raise HTTPException(status_code=404, detail="There is no user with this name.")  # kept


@app.post("/orders", status_code=201)
async def create_order(order: Order) -> Order:
    return order  # a quantity of 0, or a missing field: 422 with the field errors


@app.get("/broken")
async def broken() -> None:
    raise RuntimeError("a bug")  # 500 page; the traceback still goes to the server's log
